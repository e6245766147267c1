"""Read FAI figures, project groups and task contests out of Chinese bulletin prose."""

from fai.bulletin.parse import decode_text, read_bulletin, read_bulletin_files, to_records

__all__ = ["decode_text", "read_bulletin", "read_bulletin_files", "to_records"]
