"""Descriptions in the project's own words: a small glossary for recurring member names, and
templates for components and operations."""
import re

GLOSSARY = {
    'Links': 'Related resources and the actions that apply to this one.',
    'Href': 'The address of this resource.',
    'Type': 'The representation name (`BackupServer`, `JobReference`...).',
    'Name': 'Display name.',
    'UID': 'Unique identifier, `urn:veeam:<Type>:<GUID>`.',
    'Id': 'Identifier, unique within the parent resource.',
    'Description': 'Free text.',
    'Enabled': 'Whether the option or object is switched on.',
    'Platform': 'Virtualization platform (`VMware`, `HyperV`, `vCloud`...).',
    'State': 'Run state.',
    'Result': 'Outcome.',
    'Progress': 'Percent done.',
    'CreationTimeUTC': 'When it started (UTC).',
    'EndTimeUTC': 'When it ended (UTC); `null` while it runs.',
    'FailureMessage': 'Why it failed, if it did.',
    'JobUid': 'UID of the job.',
    'JobName': 'Name of the job.',
    'JobType': 'Kind of job.',
    'IsRetry': 'Whether this session retries a failed one.',
    'BackupServerUid': 'UID of the backup server.',
    'RepositoryUid': 'UID of the backup repository.',
    'HierarchyObjRef': 'Reference of the object in the virtual infrastructure (`urn:VMware:Vm:...`).',
    'Password': 'Password; write-only in practice (EM does not send it back).',
    'Username': 'Account name.',
    'UserName': 'Account name.',
    'Value': 'The element\'s text.',
    'TaskId': 'Identifier of the task (`task-10`), valid while Enterprise Manager runs.',
    'Message': 'What happened, in words.',
    'PageNum': 'Number of this page, from 1.',
    'PageSize': 'Items per page.',
    'PagesCount': 'Number of pages.',
    'Capacity': 'Capacity in bytes.',
    'FreeSpace': 'Free space in bytes.',
    'Version': 'Product version; a string even when it looks like a number.',
    'Port': 'TCP port.',
}


def words(name):
    """`CloudTenantResource` → `cloud tenant resource`."""
    spaced = re.sub(r'(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])', ' ', name)
    parts = spaced.split()
    keep = {'UID', 'ID', 'VM', 'VMs', 'NAS', 'CDP', 'SQL', 'IP', 'FS', 'ACL', 'RPO', 'AD', 'DNS', 'SSO', 'GFS', 'HV', 'URL'}
    return ' '.join(p if p in keep or p.isupper() and len(p) > 1 else p.lower() for p in parts)


def component(c, registry):
    if c.description:
        return c.description
    root = f' XML root element `{c.root}`.' if c.root else ''
    if c.is_list_type():
        m = c.members[0]
        item = m.ref or m.scalar
        return f'A list of {words(m.xml)} items (`{item}`), in JSON under `{m.json}`.{root}'
    if c.name.endswith('Spec'):
        return f'Request body: {words(c.name[:-4])} parameters.{root}'
    if c.base in ('Entity', 'JobSession'):
        return f'An Enterprise Manager {words(c.name)}.{root}'
    if c.base == 'Resource':
        return f'The {words(c.name)} resource.{root}'
    return f'{words(c.name).capitalize()} settings.{root}'


def member(m, owner):
    if m.description:
        return m.description
    if m.json in GLOSSARY:
        return GLOSSARY[m.json]
    if m.json.endswith('Uid'):
        return f'UID of the {words(m.json[:-3])}.'
    if m.json.endswith('Ref'):
        return f'Reference of the {words(m.json[:-3])}.'
    if m.shape == 'repeated':
        return f'The {words(m.xml)} items.'
    if m.shape == 'wrapped':
        return f'The {words(m.json)}, one `{m.item}` element each in XML.'
    if m.scalar == 'boolean':
        return f'Whether {words(m.json)} applies.'
    return f'{words(m.json).capitalize()}.'
