"""The tree shows the data flow: no import points back up (STYLE.md, "Code")."""
from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "fakeses"

# package -> what it must not import
FORBIDDEN = {
    "domain": ("botocore", "fakeses.api", "fakeses.protocols", "fakeses._"),
    "mail": ("botocore", "fakeses.api", "fakeses.protocols", "fakeses.domain", "fakeses._"),
    "protocols": ("fakeses.api", "fakeses.domain", "fakeses._"),
    "api": ("botocore", "fakeses.protocols", "fakeses._"),
}


def imports(path: pathlib.Path) -> list[str]:
    tree = ast.parse(path.read_text())
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.append(module)
    return names


def _runtime_nodes(tree: ast.AST):
    """Every node but those under ``if TYPE_CHECKING:`` (type-only imports are allowed)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imports(path):
            if any(name == bad or name.startswith(bad if bad.endswith("_") else bad + ".") or name == bad
                   for bad in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert found == []


def test_the_package_ships_py_typed():
    assert (PACKAGE / "py.typed").exists()


def test_importing_fakeses_loads_no_heavy_dependency():
    import subprocess
    import sys

    code = ("import sys, fakeses; heavy = [m for m in ('email_validator', 'jsonschema', 'boto3', 'pytest', 'fakeses.mail.templates', 'fakeses._dispatch') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


LAZY = ("fakeses._publish", "fakeses.domain.event_json", "fakeses.mail.mime", "fakeses.mail.addresses")


def test_importing_fakeses_leaves_event_publishing_and_mail_for_first_use():
    import subprocess
    import sys

    code = f"import sys, fakeses; print([m for m in {LAZY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_event_publishing_loads_when_something_is_first_published():
    import subprocess
    import sys

    code = (
        "import os, sys; os.environ.update(AWS_ACCESS_KEY_ID='x', AWS_SECRET_ACCESS_KEY='x');"
        "import boto3; from fakeses import fakeses\n"
        "with fakeses() as fake:\n"
        "    ses = boto3.client('ses', region_name='us-east-1')\n"
        "    ses.verify_domain_identity(Domain='example.com')\n"
        "    ses.send_email(Source='a@example.com', Destination={'ToAddresses': ['b@example.org']},\n"
        "                   Message={'Subject': {'Data': 's'}, 'Body': {'Text': {'Data': 't'}}})\n"
        "    before = 'fakeses._publish' in sys.modules\n"
        "    ses.create_configuration_set(ConfigurationSet={'Name': 'c'})\n"
        "    ses.create_configuration_set_event_destination(ConfigurationSetName='c', EventDestination={\n"
        "        'Name': 'd', 'Enabled': True, 'MatchingEventTypes': ['send'],\n"
        "        'SNSDestination': {'TopicARN': 'arn:aws:sns:us-east-1:123456789012:t'}})\n"
        "    ses.send_email(Source='a@example.com', Destination={'ToAddresses': ['b@example.org']},\n"
        "                   Message={'Subject': {'Data': 's'}, 'Body': {'Text': {'Data': 't'}}},\n"
        "                   ConfigurationSetName='c')\n"
        "    [send] = [e for e in fake.events if e.type == 'Send' and e.message is fake.sent_messages[-1]]\n"
        "    print(before, 'fakeses._publish' in sys.modules, send.routes != ())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True"]


def test_serving_a_client_reuses_its_service_model_instead_of_loading_a_second_copy():
    import subprocess
    import sys

    code = (
        "import os; os.environ.update(AWS_ACCESS_KEY_ID='x', AWS_SECRET_ACCESS_KEY='x');"
        "import boto3, botocore.loaders; from fakeses import fakeses\n"
        "loads = []\n"
        "real = botocore.loaders.Loader.load_service_model\n"
        "def counted(self, name, type_name, *args, **kwargs):\n"
        "    loads.append(name) if type_name == 'service-2' else None\n"
        "    return real(self, name, type_name, *args, **kwargs)\n"
        "botocore.loaders.Loader.load_service_model = counted\n"
        "v1, v2 = boto3.client('ses', region_name='us-east-1'), boto3.client('sesv2', region_name='us-east-1')\n"
        "with fakeses():\n"
        "    v1.verify_email_identity(EmailAddress='a@example.com')\n"
        "    v2.list_email_identities()\n"
        "from fakeses._dispatch import codec_for; from fakeses._model import service_model\n"
        "print(loads.count('ses'), loads.count('sesv2'),"
        "      codec_for('ses').model is v1.meta.service_model is service_model('ses'),"
        "      codec_for('sesv2').model is v2.meta.service_model is service_model('sesv2'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1", "True", "True"]
