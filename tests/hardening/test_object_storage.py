"""Uploaded files on an S3-compatible object store (django-storages), tested against moto's
standalone S3 server started on a free loopback port: what one web server stores, any other
web server or worker reads."""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import pytest
import requests
from django.core.files.base import ContentFile
from django.urls import reverse

from base.storage import use_shared_file_storage
from roadmaps.models import RoadmapVersion
from roadmaps.services import roadmap_version_upload
from tests.factories import make_docx, national_roadmap

BASE_DIR = Path(__file__).resolve().parents[2]
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
REGION = "us-east-1"
# Starts an S3 server (moto) in a subprocess: slow, left out of `make test-fast`.
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server on 127.0.0.1:<free port>, stopped after the module."""
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(url, timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail("moto's S3 server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_server):
    name = f"sti-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name=REGION, **_boto(CREDENTIALS))
    client.create_bucket(Bucket=name)
    return client, name


def _boto(creds):
    return {"aws_access_key_id": creds["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": "testing"}


@pytest.fixture
def object_store(bucket, s3_server, settings):
    """Every FileField on the S3 server's bucket for this test, then back to local disk."""
    from storages.backends.s3 import S3Storage

    client, name = bucket
    storage = S3Storage(
        bucket_name=name,
        endpoint_url=s3_server,
        region_name=REGION,
        access_key="testing",
        secret_key="testing",
        default_acl=None,
        file_overwrite=False,
    )
    field = RoadmapVersion._meta.get_field("file")
    local = field.storage
    use_shared_file_storage(storage)
    try:
        yield client, name
    finally:
        use_shared_file_storage(local)


@pytest.mark.django_db
def test_an_upload_lands_in_the_bucket_and_downloads_through_the_permission_checked_view(
    object_store, ghana, focal_point_user, focal_point_client, settings
):
    client, name = object_store
    data = make_docx()
    version = roadmap_version_upload(
        actor=focal_point_user,
        roadmap=national_roadmap(ghana),
        file=ContentFile(data, name="roadmap.docx"),
        filename="roadmap.docx",
    )
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=name).get("Contents", [])]
    assert keys == [version.file.name]
    assert client.get_object(Bucket=name, Key=version.file.name)["Body"].read() == data
    # Nothing was written to this machine's disk.
    root = settings.PRIVATE_MEDIA_ROOT
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]
    # Another process (a fresh read from the store) gets the same bytes through the view.
    response = focal_point_client.get(reverse("roadmaps:version-download", args=[version.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data


@pytest.mark.django_db
def test_a_refused_upload_leaves_nothing_in_the_bucket(object_store, ghana, focal_point_user):
    from django.core.exceptions import ValidationError

    client, name = object_store
    with pytest.raises(ValidationError):
        roadmap_version_upload(
            actor=focal_point_user,
            roadmap=national_roadmap(ghana),
            file=ContentFile(b"not a document", name="x.pdf"),
            filename="x.pdf",
        )
    assert client.list_objects_v2(Bucket=name).get("KeyCount", 0) == 0


def test_the_environment_switches_uploads_to_the_object_store(bucket, s3_server):
    """With the AWS_* variables set, every process (web or worker) stores on the bucket."""
    client, name = bucket
    env = {
        **os.environ,
        **CREDENTIALS,
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": REGION,
    }
    code = (
        "from django.core.files.base import ContentFile;"
        "from roadmaps.models import RoadmapVersion;"
        "s = RoadmapVersion._meta.get_field('file').storage;"
        "print(type(s).__name__, getattr(s, 'bucket_name', '-'));"
        "print(s.save('roadmaps/probe.txt', ContentFile(b'shared')))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"S3Storage {name}" in result.stdout
    assert client.get_object(Bucket=name, Key="roadmaps/probe.txt")["Body"].read() == b"shared"
    without = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code.split(";print(s.save")[0]],
        cwd=BASE_DIR,
        env={k: v for k, v in env.items() if k != "AWS_STORAGE_BUCKET_NAME"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert without.returncode == 0, without.stderr
    assert "PrivateStorage -" in without.stdout
