"""BLAKE2b, the one hash of litcheck's cache (file contents, cache file names, code fingerprint).

Taken from CPython's `_blake2` module, which is what `hashlib.blake2b` hands back: importing
`hashlib` also loads OpenSSL's libcrypto for its other algorithms, 2-4 ms of every warm command
(a warm `search` takes under 0.1 s), for functions the cache never calls."""

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without the module: hashlib finds the algorithm elsewhere
    from hashlib import blake2b

__all__ = ["blake2b"]
