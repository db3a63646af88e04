package kateval.tasks.blobstore

/** Lowercase hexadecimal, two characters per byte: `byteArrayOf(0, -1, 16)` → `"00ff10"`. */
fun ByteArray.toHex(): String {
    TODO("toHex")
}

/** Lowercase hex SHA-256 of [data]. */
fun sha256Hex(data: ByteArray): String {
    TODO("sha256Hex")
}
