"""Password hashing (argon2id, OWASP parameters) and the password policy, free of Flask."""
from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 256

# argon2id, m = 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet minimum.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16, type=Type.ID)

# A short list of passwords that attackers try first; long enough passphrases are the real defence.
COMMON_PASSWORDS = frozenset(
    """password password1 password12 password123 password1234 1234567890 12345678910 123456789a qwertyuiop
    azertyuiop qwerty1234 iloveyou12 letmein123 welcome123 admin12345 administrator changeme123 motdepasse
    motdepasse1 motdepasse123 football12 baseball12 monkey1234 dragon1234 sunshine12 princess12 abc1234567
    trustno1234 passw0rd123 p@ssw0rd123 factcheck1 factcheck123 0123456789 1111111111 0000000000 1q2w3e4r5t
    zaq12wsxcde qazwsxedc123 soleil1234 bonjour123 azerty1234 azerty123456""".split()
)


class PasswordPolicyError(ValueError):
    """The chosen password breaks the policy; the message says why."""


def check_policy(password: str, *, email: str = "") -> None:
    """Length limits and a common-password check; no composition rules (NIST 800-63B, ASVS 6.2)."""
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(f"Use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise PasswordPolicyError(f"Use at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or (email and lowered == email.lower()):
        raise PasswordPolicyError("This password is too easy to guess.")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        # Spend the same time as a real check so unknown accounts are not revealed by timing.
        _hasher.hash(password)
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
