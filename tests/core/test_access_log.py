"""The web servers' logs keep the least that serves their purpose: nginx's access log the client's network
(IPv4 /24, IPv6 /48), gunicorn's no address, and logrotate deletes them after 14 days (7 for error lines, which
nginx writes with the full address). The nginx ``map`` is read from the deployed file and run here."""

import re
from ipaddress import ip_address, ip_network
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NGINX = (DEPLOY / "nginx" / "remacto.conf").read_text()
FULL_ADDRESS_VARIABLES = ("$remote_addr", "$binary_remote_addr", "$http_x_forwarded_for", "$realip_remote_addr")


def _map_rules() -> tuple[list[tuple[re.Pattern, str]], str]:
    """The ``map $remote_addr $remote_network`` block as (compiled regex, value) in order, and its default."""
    block = re.search(r"map \$remote_addr \$remote_network \{(.*?)\n\}", NGINX, re.S).group(1)
    rules, default = [], None
    for line in block.strip().splitlines():
        key, value = line.split()
        value = value.rstrip(";")
        if key == "default":
            default = value
            continue
        pattern = key.strip('"')
        flags = re.I if pattern.startswith("~*") else 0
        pattern = pattern.lstrip("~*").replace("(?<", "(?P<")
        rules.append((re.compile(pattern, flags), value))
    return rules, default


def logged(address: str) -> str:
    """What nginx writes for ``address``: the first rule that matches, its captures put in the value."""
    rules, default = _map_rules()
    for pattern, value in rules:
        match = pattern.search(address)
        if match:
            return match.expand(re.sub(r"\$(\w+)", r"\\g<\1>", value))
    return default


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("105.66.123.45", "105.66.123.0"),
        ("10.0.0.5", "10.0.0.0"),
        ("::ffff:105.66.123.45", "105.66.123.0"),
        ("2001:db8:5:7::1", "2001:db8:5::"),
        ("2001:DB8:5:7:8:9:a:b", "2001:DB8:5::"),
        ("2001:db8::1", "2001:db8::"),
        ("2001::5:6:7", "2001::"),
        ("fe80::1", "fe80::"),
        ("::1", "::"),
    ],
)
def test_the_access_log_keeps_the_network_only(address, expected):
    assert logged(address) == expected
    kept = ip_address(expected)
    prefix = 24 if kept.version == 4 else 48
    full = ip_address(address)
    full = full.ipv4_mapped or full if full.version == 6 else full
    assert ip_network(f"{full}/{prefix}", strict=False).network_address == kept


def test_no_log_format_holds_a_full_address():
    formats = re.findall(r"log_format\s+\w+\s+'([^']*)'", NGINX)
    assert formats and all(variable not in f for f in formats for variable in FULL_ADDRESS_VARIABLES)
    assert "$remote_network" in formats[0]
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text()
    access_format = re.search(r"access_log_format = '([^']*)'", gunicorn).group(1)
    assert "%(h)s" not in access_format and "{x-forwarded-for}" not in access_format.lower()


def test_logs_are_deleted_after_their_retention():
    rotate = (DEPLOY / "logrotate" / "remacto-nginx").read_text()
    periods = dict(re.findall(r"/var/log/nginx/remacto\.(\w+)\.log \{.*?rotate (\d+)", rotate, re.S))
    assert periods == {"access": "14", "error": "7"}
    for log in re.findall(r"(?:access|error)_log (/var/log/nginx/[\w.]+)", NGINX):
        assert log in rotate


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("ar", "سجلات خادم الويب: 14 يومًا، مع عنوان IP مختصر"),
        ("fr", "Journaux du serveur web : 14 jours, avec l'adresse IP raccourcie"),
    ],
)
def test_the_privacy_notice_states_the_log_retention(client, language, sentence):
    page = client.get(f"/{language}/privacy/").content.decode()
    assert sentence in page and "never stored" not in page
