"""Runs encryption-matrix cells with boto3 for boto3-matrix.test.ts.

Usage: python3 boto3-matrix-driver.py <file of a JSON list of cell arguments>;
runs the cells in order with one client (Python and boto3 start once) and
prints one JSON list, a document per cell: the write responses, HeadObject
and GetObject (whose body goes to the cell's "out" file), each cut to the
fields the test checks, or {"error": ...} when the cell raised. The endpoint
comes from STRONGROOM_S3_ENDPOINT, the credentials, region and CA bundle from
the AWS_* variables the test sets. Retries are off so a gateway bug is not
retried away.
"""

import json
import os
import sys

import boto3
from botocore.config import Config

FIELDS = ("ServerSideEncryption", "SSEKMSKeyId", "BucketKeyEnabled", "SSECustomerAlgorithm", "SSECustomerKeyMD5", "ETag", "ContentLength", "ContentRange")


def cut(response):
    return {name: response[name] for name in FIELDS if name in response}


def run(s3, args):
    where = {"Bucket": args["bucket"], "Key": args["key"]}
    sse = args["sse"]
    read = args["read"]
    writes = []

    def record(call, response):
        writes.append({"call": call, "response": cut(response)})
        return response

    operation = args["operation"]
    if operation == "copy":
        record("CopyObject", s3.copy_object(CopySource=args["copySource"], **where, **sse))
    else:
        with open(args["file"], "rb") as source:
            body = source.read()
        if operation == "multipart":
            upload = record("CreateMultipartUpload", s3.create_multipart_upload(**where, **sse))["UploadId"]
            size = args["partSize"]
            parts = []
            for number, chunk in enumerate([body[:size], body[size:]], start=1):
                part = record("UploadPart", s3.upload_part(UploadId=upload, PartNumber=number, Body=chunk, **where, **read))
                parts.append({"PartNumber": number, "ETag": part["ETag"]})
            # No SSE-C key on Complete, as s3transfer does: botocore does not
            # base64-encode it (nor add its MD5) for this operation.
            record("CompleteMultipartUpload", s3.complete_multipart_upload(UploadId=upload, MultipartUpload={"Parts": parts}, **where))
        else:
            record("PutObject", s3.put_object(Body=body, **where, **sse))
    head = s3.head_object(**where, **read)
    ranged = {"Range": args["range"]} if "range" in args else {}
    got = s3.get_object(**where, **ranged, **read)
    with open(args["out"], "wb") as sink:
        sink.write(got["Body"].read())
    return {"writes": writes, "head": cut(head), "get": cut(got)}


def run_or_report(s3, args):
    try:
        return run(s3, args)
    except Exception as error:  # one cell's failure is that cell's result, not the whole run's
        return {"error": f"{type(error).__name__}: {error}"}


if __name__ == "__main__":
    client = boto3.client(
        "s3",
        endpoint_url=os.environ["STRONGROOM_S3_ENDPOINT"],
        region_name="us-east-1",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"total_max_attempts": 1}),
    )
    with open(sys.argv[1], encoding="utf-8") as cells:
        print(json.dumps([run_or_report(client, args) for args in json.load(cells)]))
