#!/usr/bin/env bash
# Hostile pictures (issue 18, item 5): files that only start like an image.
# A header declaring 100000x100000 pixels with no data, a 65535x65535
# decompression bomb, four bytes that open a JPEG, a truncated PNG and one
# with a broken checksum must each be refused with DRF's ImageField error,
# leave no file in MEDIA_DIR and cost no worker; a whole picture still goes
# through and is served. The files are written here, byte by byte (python3
# and zlib), never committed.
source "$(dirname "$0")/../http/lib.sh"

json=(-H 'Content-Type: application/json')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name="pics_$(tr '0-9' 'a-j' <<<"$run_id")"
password='correct horse 9'
not_an_image='{"profile_picture":["Upload a valid image. The file you uploaded was either not an image or a corrupted image."]}'

python3 - "$work" <<'PY'
import struct, sys, zlib
folder = sys.argv[1]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
def ihdr(width, height, colour=2):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0))
signature = b"\x89PNG\r\n\x1a\n"
def write(name, data):
    open(f"{folder}/{name}", "wb").write(data)

rows = b"".join(b"\x00" + bytes(v for x in range(16) for v in (x * 16, y * 20, 128)) for y in range(12))
whole = signature + ihdr(16, 12) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
write("whole.png", whole)
# The attack's files.
write("header-only.png", signature + ihdr(100000, 100000))
# 65535 x 65535 RGBA: 16 GiB of pixels; the first 64 MiB of zeros deflate to about 64 KiB.
bomb = zlib.compressobj(9)
idat = b"".join(bomb.compress(b"\x00" * (1 << 20)) for _ in range(64)) + bomb.flush()
write("bomb.png", signature + ihdr(65535, 65535, 6) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
write("four-bytes.jpg", b"\xff\xd8\xff\x00")
write("truncated.png", whole[: len(whole) // 2])
broken = bytearray(whole)
broken[whole.index(b"IDAT") + 6] ^= 1
write("bad-checksum.png", bytes(broken))
write("no-pixels.png", signature + ihdr(16, 12) + chunk(b"IEND", b""))
write("riff-only.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24)
PY

request POST /api/v1/user/ "${json[@]}" -d "{\"username\":\"$name\",\"email\":\"$name@example.com\",
  \"password\":\"$password\",\"info_birthday\":\"1990-05-17\",\"info_gender\":\"3\",\"location_city\":\"Kiel\"}"
expect_status 201 "register the uploader"
request POST /api/v1/token/ "${json[@]}" -d "{\"username\":\"$name\",\"password\":\"$password\"}"
auth=(-H "Authorization: Bearer $(jq -r .access <<<"$BODY")")

media_files() { find "$MEDIA_DIR" -maxdepth 1 -type f | wc -l; }
workers_before=$(pgrep -P "$APP_PID" | sort | tr '\n' ' ')
files_before=$(media_files)

for file in header-only.png bomb.png four-bytes.jpg truncated.png bad-checksum.png no-pixels.png riff-only.webp; do
  request POST /api/v1/user/profilepic "${auth[@]}" -F "profile_picture=@$work/$file"
  expect_status 400 "$file is refused"
  if [[ $BODY == "$not_an_image" ]]; then ok "$file: DRF's ImageField error"; else not_ok "$file: body $BODY"; fi
done
expect_true "no file was left in MEDIA_DIR" test "$(media_files)" -eq "$files_before"

request POST /api/v1/user/profilepic "${auth[@]}" -F "profile_picture=@$work/whole.png"
expect_status 201 "a whole PNG is stored"
picture_url=$(jq -r .profile_picture <<<"$BODY")
expect_true "and served, byte for byte" cmp -s <(curl -sf "$BASE_URL$picture_url") "$work/whole.png"

expect_true "no worker was replaced" test "$(pgrep -P "$APP_PID" | sort | tr '\n' ' ')" == "$workers_before"
request DELETE /api/v1/user/ "${auth[@]}"
expect_status 204 "the uploader goes, with the picture"
finish
