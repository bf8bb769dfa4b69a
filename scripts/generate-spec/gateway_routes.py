"""The gateway's own routes (home page, health, readiness, metrics, the contract's renditions).

They are described in the contract so that clients and code generators see them, and each
operation carries `x-em-gateway-route: true`: em-schema-compile leaves such operations out of the
compiled operations table, so they are never taken for Enterprise Manager operations. None needs a
session (`security: []`); each also answers HEAD with the same head and no body (RFC 9110 9.3.2).
"""
from collections import OrderedDict

TAG = 'Gateway'
TAG_DESCRIPTION = "The gateway's own routes: not Enterprise Manager operations, answered by the gateway itself."
EXTENSION = 'x-em-gateway-route'


def _status_schema(text):
    return OrderedDict([
        ('type', 'object'),
        ('properties', OrderedDict([('status', OrderedDict([('type', 'string'), ('description', text)]))])),
        ('required', ['status'])])


def _operation(operation_id, summary, description, responses):
    operation = OrderedDict()
    operation['tags'] = [TAG]
    operation['operationId'] = operation_id
    operation['summary'] = summary
    operation['description'] = description
    operation['security'] = []
    operation['responses'] = responses
    operation[EXTENSION] = True
    return {'get': operation}


def _response(description, media_type, schema):
    return OrderedDict([('description', description), ('content', {media_type: {'schema': schema}})])


def _document(path, version, media_type, form):
    schema = {'type': 'object'} if form == 'JSON' else {'type': 'string'}
    name = form.replace('JSON', 'Json').replace('YAML', 'Yaml')
    operation_id = 'getOpenApi' + version.replace('.', '') + name
    return path, _operation(
        operation_id, f'Read this contract as OpenAPI {version} {form}.',
        f'The contract in OpenAPI {version}, as {form}, with `servers` set to the gateway\'s public URL. '
        'Every rendition is produced from the same document when the gateway is built.',
        OrderedDict([('200', _response('OK: the OpenAPI document.', media_type, schema))]))


def paths():
    """The gateway's own path items, in the order the README lists them."""
    items = OrderedDict()
    items['/'] = _operation(
        'getHomePage', "Read the gateway's home page.",
        "An HTML page for people: what the gateway is and where to start.",
        OrderedDict([('200', _response('OK: the page.', 'text/html', {'type': 'string'}))]))
    items['/healthz'] = _operation(
        'getHealth', 'Check that the gateway process answers.',
        'Liveness: answers 200 while the process serves requests, whatever the state of Enterprise Manager.',
        OrderedDict([('200', _response('OK: the gateway answers.', 'application/json', _status_schema('`ok`.')))]))
    items['/readyz'] = _operation(
        'getReadiness', 'Check that the gateway can serve Enterprise Manager calls.',
        'Readiness: 200 when Enterprise Manager answers (and, with a service account, the gateway holds a '
        'session); 503 otherwise, naming the state.',
        OrderedDict([
            ('200', _response('Ready.', 'application/json', _status_schema('`ready`.'))),
            ('503', _response('Not ready.', 'application/json', _status_schema(
                'Why: `unknown`, `unreachable`, `notEnterpriseManager`, `serviceAccountRefused`, '
                '`serviceAccountLogonFailed` or `shuttingDown`.')))]))
    items['/metrics'] = _operation(
        'getMetrics', "Read the gateway's metrics.",
        'Prometheus text exposition format 0.0.4; not cached (`Cache-Control: no-store`).',
        OrderedDict([('200', _response('OK: the metrics.', 'text/plain', {'type': 'string'}))]))
    for path, version, media_type, form in [
            ('/openapi.json', '3.2', 'application/json', 'JSON'),
            ('/openapi.yaml', '3.2', 'application/yaml', 'YAML'),
            ('/openapi-3.1.json', '3.1', 'application/json', 'JSON'),
            ('/openapi-3.1.yaml', '3.1', 'application/yaml', 'YAML')]:
        key, item = _document(path, version, media_type, form)
        items[key] = item
    return items
