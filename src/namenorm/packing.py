"""Compact pickling of the index's large parts: many short strings as a few UTF-8 blocks, arrays without a copy.

Pickle remembers every object it writes (its memo), which for 800,000 key strings costs more memory
than the strings; and it copies an array into a bytes object before writing it. Strings packed into
blocks of lines, and arrays written from their own buffer (pickle protocol 5), avoid both.

>>> import pickle
>>> blocks = pack_strings(["kim jong un", "пхеньян", "평양"])
>>> unpack_strings(pickle.loads(pickle.dumps(blocks)))
('kim jong un', 'пхеньян', '평양')
>>> pickle.loads(pickle.dumps(pack_array(array("I", [3, 1, 2])), protocol=5))
array('I', [3, 1, 2])
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Sequence
from typing import SupportsIndex

__all__ = ["BLOCK", "pack_array", "pack_strings", "unpack_strings"]

BLOCK = 4096  # strings per UTF-8 block


class _PackedArray:
    """An array that pickles from its own buffer under protocol 5 (a copy of its bytes under older ones)."""

    __slots__ = ("values",)

    def __init__(self, values: array) -> None:
        self.values = values

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple:
        """Reduce to the array's type code and its bytes, unpickled as a plain array."""
        data = pickle.PickleBuffer(self.values) if int(protocol) >= 5 else self.values.tobytes()
        return (_array_from, (self.values.typecode, data))


def _array_from(typecode: str, data: bytes | bytearray) -> array:
    """Rebuild a packed array."""
    values = array(typecode)
    values.frombytes(data)
    return values


def pack_array(values: array) -> _PackedArray:
    """Wrap an array so that pickling it writes its buffer without a copy (it unpickles as the array)."""
    return _PackedArray(values)


def pack_strings(strings: Sequence[str]) -> list[bytes]:
    """Pack strings without line breaks into UTF-8 blocks of BLOCK lines."""
    return ["\n".join(strings[i : i + BLOCK]).encode() for i in range(0, len(strings), BLOCK)]


def unpack_strings(blocks: list[bytes]) -> tuple[str, ...]:
    """Return the strings packed by :func:`pack_strings`."""
    return tuple(string for block in blocks for string in block.decode().split("\n"))
