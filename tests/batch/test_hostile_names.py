"""Hostile names and paths: safe, short, unique ids; temporary names within the file system's limit;
no link out of the inbox followed; junk ignored."""

from __future__ import annotations

import os
import re

from ocr import load
from ocr.batch import outcome as batch
from ocr.batch import store
from tests import hostile_inputs as make

NAMES = {
    "telegram 12 (copy).png": "telegram_12_copy",
    "Шифртелеграмма №5.png": "Shifrtelegramma_5",
    "$(rm -rf ~);`id`|&<>*?.png": "rm_-rf_id",
    "-rf --help.png": "rf_--help",
    "..hidden-looking.png": None,  # hidden: skipped by discovery
    "a..b.png": "a..b",
    "...png": None,
    "a" * 196 + ".png": None,  # 200 bytes: cut with a hash
    "b" * 251 + ".png": None,  # 255 bytes: the longest name the file system allows
    "щ" * 125 + ".png": None,  # 254 bytes of Cyrillic, 500 characters transliterated
}
SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def test_ids_are_sanitised_short_and_never_hidden_or_options(tmp_path):
    ids = {name: load.document_id(tmp_path / name) for name in NAMES}
    for name, expected in NAMES.items():
        assert SAFE.match(ids[name]) and len(ids[name]) <= load.MAX_ID_LENGTH, name
        if expected:
            assert ids[name] == expected
    assert ids["...png"] == "document"
    long_a = ids["a" * 196 + ".png"]
    assert len(long_a) == load.MAX_ID_LENGTH and re.fullmatch(r"a{85}-[0-9a-f]{10}", long_a)
    assert len(ids["щ" * 125 + ".png"]) == load.MAX_ID_LENGTH and ids["щ" * 125 + ".png"].startswith("shchshch")


def test_long_names_differing_only_at_the_end_keep_distinct_ids(tmp_path):
    first, second = (load.document_id(tmp_path / ("x" * 240 + end + ".png")) for end in ("1", "2"))
    assert first != second and first[:80] == second[:80]


def test_inputs_mapping_to_the_same_id_get_distinct_ids(tmp_path):
    paths = [tmp_path / "a b.png", tmp_path / "a_b.png", tmp_path / "one" / "a b.png", tmp_path / "a-b.png"]
    ids = load.document_ids(paths)
    assert ids[0] == "a_b" and ids[3] == "a-b"
    assert re.fullmatch(r"a_b-[0-9a-f]{10}", ids[1]) and re.fullmatch(r"a_b-[0-9a-f]{10}", ids[2])
    assert len(set(ids)) == 4
    assert load.document_ids(paths) == ids  # the same inputs, the same ids, run after run


def test_temporary_file_of_a_longest_name_stays_within_the_limit(tmp_path, monkeypatch):
    target = tmp_path / ("c" * 250 + ".json")  # 255 bytes, as long as a name can be
    made = []
    real_fsync = os.fsync

    def watch(fd):
        made.extend(p.name for p in tmp_path.glob(".*.part"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", watch)
    store.write_json_atomic(target, {"ok": True})
    assert store.read_json(target) == {"ok": True}
    assert made and all(len(name.encode()) <= 255 for name in made)
    assert not list(tmp_path.glob(".*.part"))


def test_partial_files_of_long_names_are_swept(tmp_path):
    document_id = "d" * load.MAX_ID_LENGTH
    for name in (f"{document_id}.json", f"{document_id}.error.json"):
        (tmp_path / f"{store.temporary_prefix(name)}x1y2z3.part").write_text("half")
    (tmp_path / f"{store.temporary_prefix('other.json')}abc.part").write_text("another batch's write")
    removed = batch.sweep_partial(tmp_path, {document_id: 1})
    assert len(removed) == 2 and [p.name for p in tmp_path.iterdir()] == [".other.json.abc.part"]


def test_links_out_of_the_inbox_are_never_followed(tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "private"
    inbox.mkdir()
    outside.mkdir()
    make.tiny_image(outside / "secret.png")
    make.tiny_image(inbox / "real.png")
    (inbox / "secret.png").symlink_to(outside / "secret.png")
    (inbox / "private-folder").symlink_to(outside, target_is_directory=True)
    (inbox / "up").symlink_to(tmp_path, target_is_directory=True)  # "..": the inbox's parent
    (inbox / "same.png").symlink_to(inbox / "real.png")  # inside: followed
    (inbox / "loop").symlink_to(inbox, target_is_directory=True)
    (inbox / "dangling.png").symlink_to(tmp_path / "gone.png")
    assert [p.name for p in load.discover(inbox)] == ["real.png", "same.png"]


def test_junk_files_and_empty_folders_are_ignored(tmp_path):
    for junk in (".DS_Store", "Thumbs.db", "desktop.ini", "._scan.png", ".~lock.scan.pdf#", "notes.docx"):
        (tmp_path / junk).write_bytes(b"\x00junk")
    (tmp_path / "empty").mkdir()
    (tmp_path / "only-junk").mkdir()
    (tmp_path / "only-junk" / "Thumbs.db").write_bytes(b"\x00")
    (tmp_path / "__MACOSX").mkdir()
    make.tiny_image(tmp_path / "scan.png")
    assert load.discover(tmp_path) == [tmp_path / "scan.png"]


def test_a_folder_of_pages_keeps_only_its_own_visible_pages(tmp_path):
    folder, outside = tmp_path / "inbox" / "telegram-7", tmp_path / "private"
    folder.mkdir(parents=True)
    outside.mkdir()
    for name in ("page-1.png", "page-2.png"):
        make.tiny_image(folder / name)
    (folder / "._page-1.png").write_bytes(b"\x00\x05\x16\x07 resource fork")  # a Mac's copy leaves these
    make.tiny_image(outside / "secret.png")
    (folder / "page-3.png").symlink_to(outside / "secret.png")
    assert load.discover(tmp_path / "inbox") == [folder]
    assert [ref.path.name for ref in load.open_document(folder).pages] == ["page-1.png", "page-2.png"]
