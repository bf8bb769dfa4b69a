"""Reads from the simulator itself (EM's XML, no gateway) what the client drivers must print.

Usage: simulator_facts.py SIMULATOR_URL USER PASSWORD veeam|veeam-em START_TIME
Prints one JSON object with the same keys as the driver's.
"""
import base64
import datetime
import json
import sys
import urllib.request
import xml.etree.ElementTree as ET

NS = "{http://www.veeam.com/ent/v1.0}"


def local(tag):
    return tag.replace(NS, "")


class Simulator:
    def __init__(self, base, user, password):
        self.base = base
        auth = base64.b64encode(f"{user}:{password}".encode()).decode()
        request = urllib.request.Request(base + "/api/sessionMngr/?v=latest", method="POST",
                                         headers={"Authorization": "Basic " + auth})
        with urllib.request.urlopen(request) as response:
            self.token = response.headers["X-RestSvcSessionId"]
            self.logon = ET.fromstring(response.read())

    def get(self, target):
        request = urllib.request.Request(self.base + target, headers={"X-RestSvcSessionId": self.token})
        with urllib.request.urlopen(request) as response:
            return ET.fromstring(response.read())


def scalars(element):
    """Child elements without children, as {name: text} (EM's scalar members)."""
    return {local(c.tag): (c.text or "") for c in element if len(c) == 0}


def before(start, **delta):
    """START_TIME less a delta, as the drivers write it (seconds, Z)."""
    moment = datetime.datetime.fromisoformat(start.replace("Z", "+00:00")) - datetime.timedelta(**delta)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def veeam(sim, start):
    # Report frames: the JSON must carry each scalar the XML holds; the driver's values are
    # compared key by key after the same normalisation (see compare in real-clients).
    facts = {}
    for key, target in [("summary.overview", "overview"), ("summary.job_statistics", "job_statistics"),
                        ("summary.vms_overview", "vms_overview"), ("summary.processed_vms", "processed_vms")]:
        frame = sim.get("/api/reports/summary/" + target)
        facts[key] = {"scalars": scalars(frame), "lists": {local(c.tag): [scalars(i) for i in c] for c in frame if len(c)}}
    facts["repositories"] = [
        {k: scalars(p)[k] for k in ("Name", "Capacity", "FreeSpace")}
        for p in sim.get("/api/reports/summary/repository") if local(p.tag) == "Period"
    ]
    failed = sim.get('/api/query?type=BackupJobSession&format=entities'
                     f'&filter=result==%22Failed%22;creationtime%3E%22{before(start, days=1)}%22')
    sessions = failed.find(f"{NS}Entities/{NS}BackupJobSessions")
    facts["failed_jobs"] = [
        {"JobName": scalars(s)["JobName"], "Result": scalars(s)["Result"],
         "CreationTimeUTC": scalars(s)["CreationTimeUTC"], "UID": s.get("UID")}
        for s in sessions
    ]
    facts["after_logout_status"] = 401
    return facts


def veeam_em(sim, user, start):
    roles = sim.get("/api/security/roles")
    tasks = sim.get("/api/query?type=BackupTaskSession&format=Entities&pageSize=1000000&sortDesc=CreationTime")
    return {
        "logon.UserName": scalars(sim.logon)["UserName"],
        "logon_sessions.own_session_listed": True,
        "logon_sessions.user_names": [user],
        "roles": sorted((r.get("Name"), r.get("UID").split(":")[3]) for r in roles),
        "backup_task_sessions": [s.get("UID") for s in tasks.find(f"{NS}Entities/{NS}BackupTaskSessions")],
        "backup_task_sessions.last_hour": [
            {"UID": s.get("UID"), "CreationTimeUTC": scalars(s)["CreationTimeUTC"], "Result": scalars(s)["Result"]}
            for s in sim.get('/api/query?type=BackupTaskSession&format=Entities&pageSize=1000000&sortDesc=CreationTime'
                             f'&filter=CreationTime%3E%3D%22{before(start, hours=1)}%22')
            .find(f"{NS}Entities/{NS}BackupTaskSessions")
        ],
    }


def main():
    base, user, password, client, start = sys.argv[1:6]
    sim = Simulator(base, user, password)
    print(json.dumps(veeam(sim, start) if client == "veeam" else veeam_em(sim, user, start), indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
