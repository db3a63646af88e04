"""The run's budgets: build slots bound builds, and an endpoint's occupancy is measured."""

from __future__ import annotations

import threading
import time

from kateval.budgets import BuildSlots, _cgroup_quota, cores_available
from kateval.models.occupancy import Occupancy


def _crowd(n: int, body) -> None:
    threads = [threading.Thread(target=body) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_build_slots_admit_at_most_their_size_and_say_how_busy_they_were():
    slots = BuildSlots(2)
    inside, peak, lock = [0], [0], threading.Lock()

    def build():
        with slots.slot():
            with lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
            time.sleep(0.05)
            with lock:
                inside[0] -= 1

    _crowd(6, build)
    usage = slots.usage()
    assert peak[0] == 2 and usage["peak"] == 2 and usage["slots"] == 2
    assert 0.5 < usage["busy_share"] <= 1.0
    # six builds of about 0.05 s each held the slots: a build's time, without its wait
    assert usage["builds"] == 6 and 0.29 <= usage["busy_s"] < 0.6


def test_occupancy_counts_requests_in_flight_while_samples_waited():
    occ = Occupancy(limit=3)
    sem = threading.BoundedSemaphore(3)

    def call():
        with occ.hold(sem):
            time.sleep(0.2)

    _crowd(9, call)  # three waves of three: the endpoint was full while others waited
    use = occ.usage()
    assert use["peak_in_flight"] == 3
    # Only the hand-overs between waves (a holder counted out before the next is counted in)
    # are below the limit; on a loaded machine they can take tens of milliseconds.
    assert use["busy_share_while_waited"] > 0.7
    assert use["mean_in_flight"] > 2


def test_a_failed_acquire_is_not_left_waiting():
    class Refuses:
        def __enter__(self):
            raise RuntimeError("cancelled")

        def __exit__(self, *exc):
            return False

    occ = Occupancy(limit=1)
    try:
        with occ.hold(Refuses()):
            pass
    except RuntimeError:
        pass
    assert occ._waiting == 0 and occ.usage()["peak_in_flight"] == 0


def test_cores_follow_a_cgroup_quota(tmp_path):
    quota = tmp_path / "cpu.max"
    quota.write_text("150000 100000\n")
    assert _cgroup_quota(quota) == 1
    quota.write_text("max 100000\n")
    assert _cgroup_quota(quota) is None
    assert cores_available() >= 1
