"""Reads a scrape in Prometheus' text format (a JSON string on stdin) with the Python client's
own parser, an implementation independent of the gateway's, and prints every sample as JSON:
family, type, sample name, labels and value."""

import json
import sys

from prometheus_client.parser import text_string_to_metric_families

samples = []
for family in text_string_to_metric_families(json.load(sys.stdin)):
    for sample in family.samples:
        samples.append(
            {
                "family": family.name,
                "type": family.type,
                "name": sample.name,
                "labels": sample.labels,
                "value": sample.value,
            }
        )
json.dump(samples, sys.stdout)
