"""Drives PyPI `veeam` 0.1.5 against the gateway; prints what it read as one JSON object.

Usage: veeam_driver.py GATEWAY_URL USER PASSWORD
Calls what operators use it for: the summary reports, repositories, failed jobs through the
query service, and logout. "Yesterday" is pinned to the simulator's world (October 2014).
"""
import json
import sys

from veeam.client import VeeamClient

SEED_YESTERDAY = "2014-10-16T05:00:00Z"


def main():
    base, user, password = sys.argv[1:4]
    client = VeeamClient(base + "/api", user, password)
    client.get_date_yesterday = lambda: SEED_YESTERDAY
    values = {
        "summary.overview": client.get_summary_overview(),
        "summary.job_statistics": client.get_summary_job_stats(),
        "summary.vms_overview": client.get_summary_vms(),
        "summary.processed_vms": client.get_vms_processed_day(),
        "repositories": [
            {"Name": r["Name"], "Capacity": r["Capacity"], "FreeSpace": r["FreeSpace"]} for r in client.get_repos()
        ],
        "failed_jobs": [
            {"JobName": j["JobName"], "Result": j["Result"], "CreationTimeUTC": j["CreationTimeUTC"], "UID": j["UID"]}
            for j in client.get_failed_jobs()
        ],
    }
    client.logout()
    # After logout, the session token no longer works.
    values["after_logout_status"] = client.session.get(base + "/api/logonSessions").status_code
    print(json.dumps(values, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
