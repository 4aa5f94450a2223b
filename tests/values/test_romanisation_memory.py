"""A word romanised once is not romanised again by another process of the node, nor after a restart."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from borderlink.values.romanise import memory
from borderlink.values.romanise.memory import WordMemory, fingerprint


def test_a_second_process_reads_the_forms_the_first_wrote(tmp_path: Path) -> None:
    path = tmp_path / memory.FILE_NAME
    calls: list[str] = []

    def slow_romaniser(word: str) -> tuple[str, ...]:
        calls.append(word)
        return ("SOK", "SOKH")

    original = memory.MEMORY
    try:
        memory.MEMORY = WordMemory(path)
        romanise = memory.remembered("khmer")(slow_romaniser)
        assert romanise("សុខ") == ("SOK", "SOKH")
        memory.MEMORY.flush()  # at exit, or every 200 words
        memory.MEMORY = WordMemory(path)  # another process, or this one after a restart
        assert romanise("សុខ") == ("SOK", "SOKH")
        assert romanise("ចាន់") == ("SOK", "SOKH")
    finally:
        memory.MEMORY = original
    assert calls == ["សុខ", "ចាន់"]


def test_forms_of_other_romaniser_code_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / memory.FILE_NAME
    store = WordMemory(path)
    store.put("khmer", "សុខ", ("SOK",))
    store.flush()
    database = sqlite3.connect(path)
    database.execute("UPDATE word_forms SET fingerprint = 'older-code'")
    database.commit()
    database.close()
    assert WordMemory(path).get("khmer", "សុខ") is None
    assert fingerprint() != "older-code"


def test_without_a_usable_file_words_are_romanised_as_before(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    store = WordMemory(blocked / memory.FILE_NAME)
    store.put("khmer", "សុខ", ("SOK",))
    assert store.get("khmer", "សុខ") is None
    assert WordMemory(None, use_default=False).get("khmer", "សុខ") is None


def test_a_forked_child_opens_its_own_connection(tmp_path: Path) -> None:
    path = tmp_path / memory.FILE_NAME
    store = WordMemory(path)
    store.put("thai", "สมชาย", ("SOMCHAI",))
    store.flush()
    child = os.fork()
    if child == 0:  # pragma: no cover (checked through the exit status)
        status = 1
        try:
            store.put("thai", "อมร", ("AMORN",))
            store.flush()
            status = 0 if store.get("thai", "สมชาย") == ("SOMCHAI",) else 2
        finally:
            os._exit(status)
    _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert store.get("thai", "อมร") == ("AMORN",)  # written by the child through its own connection


def test_the_node_romanises_a_khmer_word_once_across_processes(tmp_path: Path) -> None:
    """Two processes with the node's settings: the second finds the word the first romanised."""
    script = (
        "import django, os, time; os.environ['DJANGO_SETTINGS_MODULE'] = 'borderlink.settings'; django.setup()\n"
        "from borderlink.values.romanise import khmer\n"
        "from borderlink.values.romanise.memory import MEMORY\n"
        "print(MEMORY.get('khmer', 'សុខ') is not None)\n"
        "print(' '.join(khmer.romanise_word('សុខ')))\n"
    )
    env = {"BORDERLINK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    first, second = (run.stdout.split("\n") for run in runs)
    assert first[0] == "False" and second[0] == "True"
    assert first[1] == second[1] and first[1].startswith("SOK")
    assert (tmp_path / memory.FILE_NAME).exists()


def test_a_child_forked_while_the_lock_is_held_can_still_romanise(tmp_path: Path) -> None:
    store = WordMemory(tmp_path / memory.FILE_NAME)
    store.put("khmer", "សុខ", ("SOK",))
    store.flush()
    with store._lock:  # as a thread reading the store would hold it
        child = os.fork()
        if child == 0:  # pragma: no cover (checked through the exit status)
            signal.alarm(5)  # a child left waiting on the lock is killed, and the test fails
            os._exit(0 if store.get("khmer", "សុខ") == ("SOK",) else 1)
    _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_damaged_row_or_file_is_romanised_again_not_raised(tmp_path: Path) -> None:
    path = tmp_path / memory.FILE_NAME
    store = WordMemory(path)
    store.put("khmer", "សុខ", ("SOK",))
    store.put("khmer", "ចាន់", ("CHAN",))
    store.flush()
    database = sqlite3.connect(path)
    database.execute("UPDATE word_forms SET forms = '[\"SOK\", 7' WHERE word = 'សុខ'")
    database.execute("UPDATE word_forms SET forms = '{\"a\": 1}' WHERE word = 'ចាន់'")
    database.commit()
    database.close()
    fresh = WordMemory(path)
    assert fresh.get("khmer", "សុខ") is None
    assert fresh.get("khmer", "ចាន់") is None
    not_a_database = tmp_path / "other" / memory.FILE_NAME
    not_a_database.parent.mkdir()
    not_a_database.write_bytes(b"this is not an SQLite file" * 100)
    assert WordMemory(not_a_database).get("khmer", "សុខ") is None
