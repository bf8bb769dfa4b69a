"""Drives PyPI `veeam-em` 2022.11.0 against the gateway; prints what it read as one JSON object.

Usage: veeam_em_driver.py GATEWAY_URL USER PASSWORD PAGE_SIZE
Logon, the logon sessions, the security roles, and all backup task sessions through the query
service, PAGE_SIZE at a time (following PagingInfo's Next links, as the package does).
"""
import json
import sys

from veeam_em.manager import VeeamEm


def main():
    base, user, password, page_size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    em = VeeamEm(api_endpoint=base, ssl_verify=False)
    em.get_token(user, password)
    session_id = em.session_data["SessionId"]
    sessions = em.get_logon_sessions()
    values = {
        "logon.UserName": em.session_data["UserName"],
        "logon_sessions.own_session_listed": any(s["SessionId"] == session_id for s in sessions),
        "logon_sessions.user_names": sorted({s["UserName"] for s in sessions}),
        "roles": sorted((r["Name"], r["UUID"]) for r in em.get_roles()),
        "backup_task_sessions": [s["UID"] for s in em.get_backup_task_sessions(page_size=page_size)],
    }
    print(json.dumps(values, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
