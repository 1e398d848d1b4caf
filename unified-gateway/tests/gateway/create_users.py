"""Calls the gateway through the unmodified truto-python-sdk, as an existing client would.

Reads one JSON document on stdin: {"base_url", "token", "calls": [{"body", "query"}]}.
Prints one JSON list: per call, {"ok": answer} or {"status": code, "message": text}.
"""

import asyncio
import json
import sys

import aiohttp
from truto_python_sdk import TrutoApi


async def main():
    plan = json.load(sys.stdin)
    api = TrutoApi(token=plan["token"], base_url=plan["base_url"])
    results = []
    for call in plan["calls"]:
        try:
            answer = await api.unified_api.create("ticketing", "users", call["body"], call["query"])
            results.append({"ok": answer})
        except aiohttp.ClientResponseError as error:
            results.append({"status": error.status, "message": error.message})
    json.dump(results, sys.stdout)


asyncio.run(main())
