PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
RED = "\x1b[31m"
table = bytes([0x00, 0x01, 0x02, 0x03])
letter = chr(65 + 2)
