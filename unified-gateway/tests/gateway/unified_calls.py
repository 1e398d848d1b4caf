"""Calls the gateway through the unmodified truto-python-sdk, as an existing client would.

Reads one JSON document on stdin: {"base_url", "token", "calls": [call]}, each call
{"op": "create" | "list" | "get" | "update" | "delete", "query", and "id" and "body" where the
operation takes them}. A list reads every page through the SDK's own paging (`to_array`).
Prints one JSON list: per call, {"ok": answer} or {"status": code, "message": text}.
"""

import asyncio
import json
import sys

import aiohttp
from truto_python_sdk import TrutoApi


async def one(api, call):
    users = ("ticketing", "users")
    op, query = call.get("op", "create"), call["query"]
    if op == "create":
        return await api.unified_api.create(*users, call["body"], query)
    if op == "list":
        return await api.unified_api.list(*users, query).to_array()
    if op == "get":
        return await api.unified_api.get(*users, call["id"], query)
    if op == "update":
        return await api.unified_api.update(*users, call["id"], call["body"], query)
    if op == "delete":
        return await api.unified_api.delete(*users, call["id"], query)
    raise ValueError(f"unknown operation {op}")


async def main():
    plan = json.load(sys.stdin)
    api = TrutoApi(token=plan["token"], base_url=plan["base_url"])
    results = []
    for call in plan["calls"]:
        try:
            results.append({"ok": await one(api, call)})
        except aiohttp.ClientResponseError as error:
            results.append({"status": error.status, "message": error.message})
    json.dump(results, sys.stdout)


asyncio.run(main())
