"""Drives PyPI `veeam-em` 2022.11.0 against the gateway; prints what it read as one JSON object.

Usage: veeam_em_driver.py GATEWAY_URL USER PASSWORD START_TIME PAGE_SIZE
Logon, the logon sessions, the security roles, all backup task sessions through the query
service (1000 a page), and those of the hour before the simulator's frozen START_TIME, PAGE_SIZE
at a time (following PagingInfo's Next links, as the package does).
"""
import datetime
import json
import sys

from veeam_em.manager import VeeamEm


def main():
    base, user, password, start, page_size = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    moment = datetime.datetime.fromisoformat(start.replace("Z", "+00:00")) - datetime.timedelta(hours=1)
    hour_ago = moment.isoformat(timespec="seconds").replace("+00:00", "Z")
    em = VeeamEm(api_endpoint=base, ssl_verify=False)
    em.get_token(user, password)
    session_id = em.session_data["SessionId"]
    sessions = em.get_logon_sessions()
    values = {
        "logon.UserName": em.session_data["UserName"],
        "logon_sessions.own_session_listed": any(s["SessionId"] == session_id for s in sessions),
        "logon_sessions.user_names": sorted({s["UserName"] for s in sessions}),
        "roles": sorted((r["Name"], r["UUID"]) for r in em.get_roles()),
        "backup_task_sessions": [s["UID"] for s in em.get_backup_task_sessions(page_size=1000)],
        "backup_task_sessions.last_hour": [
            {"UID": s["UID"], "CreationTimeUTC": s["CreationTimeUTC"], "Result": s["Result"]}
            for s in em.get_backup_task_sessions(page_size=page_size, filter=f'CreationTime>="{hour_ago}"')
        ],
    }
    if not values["backup_task_sessions.last_hour"]:
        sys.exit("veeam-em: no backup task session in the last hour")
    print(json.dumps(values, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
