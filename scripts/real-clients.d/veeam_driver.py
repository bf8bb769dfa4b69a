"""Drives PyPI `veeam` 0.1.5 against the gateway; prints what it read as one JSON object.

Usage: veeam_driver.py GATEWAY_URL USER PASSWORD START_TIME
Calls what operators use it for: the summary reports, repositories, failed jobs since yesterday
through the query service, and logout. "Yesterday" is a day before the simulator's frozen
START_TIME. The package logs on with API v1_4, which EM 12 and later refuse: it is pointed at
`latest`, as operators of those EMs do.
"""
import datetime
import json
import sys

from veeam.client import VeeamClient


def yesterday(start):
    moment = datetime.datetime.fromisoformat(start.replace("Z", "+00:00")) - datetime.timedelta(days=1)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def main():
    base, user, password, start = sys.argv[1:5]
    VeeamClient.login_url = property(lambda self: self.__dict__["_login_url"].replace("v=v1_4", "v=latest"),
                                     lambda self, value: self.__dict__.__setitem__("_login_url", value))
    client = VeeamClient(base + "/api", user, password)
    client.get_date_yesterday = lambda: yesterday(start)
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
    if not values["failed_jobs"]:
        sys.exit("veeam: no failed job since yesterday")
    client.logout()
    # After logout, the session token no longer works.
    values["after_logout_status"] = client.session.get(base + "/api/logonSessions").status_code
    print(json.dumps(values, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
