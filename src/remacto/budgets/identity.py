"""Keyed hashes that name a voter without storing who they are, and receipt codes.

Law 09-08 asks for the minimum: a campaign that checks national ID (CIN) numbers stores only
``keyed_hash("cin", ...)`` of the number, never the number. The same goes for phone numbers and desk codes.
The hashes are HMAC-SHA256 keyed with the site's ``SECRET_KEY`` (through Django's ``salted_hmac``), so nobody
without the key can test a guessed number against them; rotating the key makes earlier hashes unmatchable,
which is why a campaign must not rotate it while voting is open (see the runbook).
"""

import re
import secrets

from django.utils.crypto import salted_hmac

from remacto.core.text import fold_digits

RECEIPT_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"
"""Letters and digits that cannot be misread for one another on paper or a small screen (no 0/O, 1/I, 5/S...)."""
RECEIPT_LENGTH = 10

_SPACES = re.compile(r"[\s\-._]+")


def keyed_hash(purpose: str, value: str) -> str:
    """A 64-character hex HMAC of ``value`` for ``purpose`` (``cin``, ``phone``, ``code``, ``user``...)."""
    return salted_hmac(f"remacto.budgets.{purpose}", value, algorithm="sha256").hexdigest()


def short_hash(purpose: str, value: str) -> str:
    """A 16-character keyed hash, for grouping (addresses, devices), never for identifying."""
    return keyed_hash(purpose, value)[:16]


def normalise_cin(number: str) -> str:
    """A CIN number as written on the card: letters upper case, no spaces or dashes (``ab 123456`` → ``AB123456``)."""
    return _SPACES.sub("", fold_digits(number)).upper()


def normalise_phone(number: str) -> str:
    """A Moroccan mobile number in international form: ``0612345678``, ``+212 6 12 34 56 78`` → ``+212612345678``."""
    digits = _SPACES.sub("", fold_digits(number)).replace("(", "").replace(")", "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("0") and len(digits) == 10:
        digits = "+212" + digits[1:]
    return digits


def voter_key(campaign_id: int, kind: str, identity: str) -> str:
    """The key naming one voter in one campaign, the same on paper and online for the same identity
    (``identity`` as typed: it is normalised here)."""
    return keyed_hash(f"voter.{kind}", f"{campaign_id}:{normalise_identity(kind, identity)}")


def new_receipt() -> str:
    """A random receipt code of ``RECEIPT_LENGTH`` unambiguous characters (about 46 bits)."""
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def format_receipt(code: str) -> str:
    """A receipt code in groups of five for reading aloud (``ACDEF-GHJKL``)."""
    return "-".join(code[i : i + 5] for i in range(0, len(code), 5))


def parse_receipt(text: str) -> str:
    """A typed receipt code back to its stored form: spaces and dashes dropped, upper case."""
    return _SPACES.sub("", fold_digits(text)).upper()


IDENTITY_KINDS = {"email": "email", "phone": "phone", "desk_code": "code"}


def identity_kind(campaign) -> str:
    """What names a voter in ``campaign``, online and on paper alike: ``cin`` when it checks national ID numbers,
    else what its identity check verifies: ``email`` (the verified address), ``phone`` or ``code`` (a desk code).

    Paper ballots are entered with the same identity (the desk asks for it), so that one person cannot vote once
    on paper and once online: both give the same :func:`voter_key`.
    """
    return "cin" if campaign.checks_cin else IDENTITY_KINDS[campaign.verification]


def normalise_identity(kind: str, value: str) -> str:
    """``value`` written the one way its kind is stored before hashing (Arabic-Indic digits as ASCII digits, so
    that a number typed on an Arabic keyboard online and at a desk gives the same key)."""
    if kind == "cin":
        return normalise_cin(value)
    if kind == "phone":
        return normalise_phone(value)
    if kind == "code":
        return parse_receipt(value)
    return value.strip().lower()
