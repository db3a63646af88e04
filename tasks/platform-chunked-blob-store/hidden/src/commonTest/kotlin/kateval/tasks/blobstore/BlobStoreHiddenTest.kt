package kateval.tasks.blobstore

import kotlin.test.Test
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

class BlobStoreHiddenTest {
    private val emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    private val abcHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    private fun bytes(s: String) = s.encodeToByteArray()

    @Test
    fun hexEncoding() {
        assertEquals("", ByteArray(0).toHex())
        assertEquals("00ff107f80", byteArrayOf(0, -1, 16, 127, -128).toHex())
    }

    @Test
    fun knownSha256Vectors() {
        assertEquals(emptyHash, sha256Hex(ByteArray(0)))
        assertEquals(abcHash, sha256Hex(bytes("abc")))
        assertEquals(
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            sha256Hex(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
        )
        assertEquals(
            "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880",
            sha256Hex(ByteArray(256) { it.toByte() }),
        )
    }

    @Test
    fun incrementalUpdatesEqualOneShot() {
        val h = Sha256()
        val block = ByteArray(1000) { 'a'.code.toByte() }
        repeat(1000) { h.update(block) }
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", h.digest().toHex())

        val data = bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        h.update(data, 0, 0)
        h.update(data, 0, 7)
        h.update(data, 7, 0)
        h.update(data, 7, 42)
        h.update(data, 49, data.size - 49)
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", h.digest().toHex())
    }

    @Test
    fun updateUsesOnlyTheGivenRange() {
        val h = Sha256()
        h.update(bytes("xxabcyy"), 2, 3)
        assertEquals(abcHash, h.digest().toHex())
        h.update(bytes("abcd"), 1, 3)
        assertEquals("a6b0f90d2ac2b8d1f250c687301aef132049e9016df936680e81fa7bc7d81d70", h.digest().toHex())
    }

    @Test
    fun digestResetsAndReturnsFreshArrays() {
        val h = Sha256()
        h.update(bytes("abc"))
        val first = h.digest()
        assertEquals(32, first.size)
        val second = h.digest()
        assertEquals(emptyHash, second.toHex())
        first[0] = 0
        h.update(bytes("abc"))
        assertEquals(abcHash, h.digest().toHex())
    }

    @Test
    fun updateRejectsBadRanges() {
        val h = Sha256()
        val data = ByteArray(4)
        assertFailsWith<IllegalArgumentException> { h.update(data, -1, 2) }
        assertFailsWith<IllegalArgumentException> { h.update(data, 0, -1) }
        assertFailsWith<IllegalArgumentException> { h.update(data, 3, 2) }
        assertFailsWith<IllegalArgumentException> { h.update(data, 5, 0) }
        h.update(data, 4, 0)
        assertEquals(emptyHash, h.digest().toHex())
    }

    @Test
    fun blobIdsAreHashesOfChunkDigests() {
        val store = BlobStore(chunkSize = 4)
        assertEquals("27e89a419b10f4630e93ce5507793b1c14e69aa0bbf09f3a7773a2c6fa5eb2d3", store.put(bytes("hello world")))
        // a single chunk: id is the hash of the chunk's raw digest, not the chunk hash itself
        assertEquals("4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128cc03e6c6358", store.put(bytes("abc")))
        assertEquals("3a050f1d08fb8581d3d72ae727651e981043de0d6ca8e744328758f716602beb", BlobStore(1).put(bytes("abc")))
        // chunks: "hell", "o wo", "rld", "abc"
        assertEquals(4, store.chunkCount)
        assertEquals(14L, store.storedBytes)
        assertEquals(2, store.blobCount)
    }

    @Test
    fun emptyBlob() {
        val store = BlobStore(8)
        val id = store.put(ByteArray(0))
        assertEquals(emptyHash, id)
        assertTrue(store.contains(id))
        assertContentEquals(ByteArray(0), store.get(id))
        assertEquals(0, store.chunkCount)
        assertEquals(1, store.blobCount)
        assertTrue(store.delete(id))
        assertFalse(store.contains(id))
    }

    @Test
    fun roundTripAndDeduplicationAcrossBlobs() {
        val store = BlobStore(4)
        val a = store.put(bytes("AAAABBBBCCCCdd"))
        val b = store.put(bytes("BBBBAAAAxx"))
        assertContentEquals(bytes("AAAABBBBCCCCdd"), store.get(a))
        assertContentEquals(bytes("BBBBAAAAxx"), store.get(b))
        // chunks: AAAA, BBBB, CCCC, dd, xx
        assertEquals(5, store.chunkCount)
        assertEquals(16L, store.storedBytes)
        assertTrue(store.delete(a))
        assertNull(store.get(a))
        assertContentEquals(bytes("BBBBAAAAxx"), store.get(b))
        assertEquals(3, store.chunkCount)
        assertEquals(10L, store.storedBytes)
        assertTrue(store.delete(b))
        assertEquals(0, store.chunkCount)
        assertEquals(0L, store.storedBytes)
        assertEquals(0, store.blobCount)
    }

    @Test
    fun repeatedChunksInsideOneBlob() {
        val store = BlobStore(3)
        val id = store.put(bytes("xyzxyzxyzxy"))
        assertEquals(2, store.chunkCount)
        assertEquals(5L, store.storedBytes)
        val other = store.put(bytes("xyz"))
        assertEquals(2, store.chunkCount)
        store.delete(id)
        assertEquals(1, store.chunkCount)
        assertContentEquals(bytes("xyz"), store.get(other))
    }

    @Test
    fun putTwiceNeedsTwoDeletes() {
        val store = BlobStore(2)
        val id1 = store.put(bytes("same data"))
        val id2 = store.put(bytes("same data"))
        assertEquals(id1, id2)
        assertEquals(1, store.blobCount)
        assertTrue(store.delete(id1))
        assertTrue(store.contains(id1))
        assertContentEquals(bytes("same data"), store.get(id1))
        assertTrue(store.delete(id1))
        assertFalse(store.contains(id1))
        assertFalse(store.delete(id1))
        assertEquals(0, store.chunkCount)
    }

    @Test
    fun chunkSizeChangesIdsAndStoreKeepsDefensiveCopies() {
        val data = ByteArray(10) { (it * 37 - 100).toByte() }
        val s3 = BlobStore(3)
        val s5 = BlobStore(5)
        val id = s3.put(data)
        assertNotEquals(id, s5.put(data))
        data[0] = 42
        val out = s3.get(id)!!
        assertEquals((-100).toByte(), out[0])
        out[1] = 0
        assertEquals((37 - 100).toByte(), s3.get(id)!![1])
        assertNull(s3.get("not-an-id"))
        assertFalse(s3.delete(emptyHash))
    }

    @Test
    fun invalidChunkSize() {
        assertFailsWith<IllegalArgumentException> { BlobStore(0) }
        assertFailsWith<IllegalArgumentException> { BlobStore(-4) }
    }

    @Test
    fun largeBlobWithUnicodeContent() {
        val text = "Grüße, 世界! 🎉 ".repeat(5000)
        val store = BlobStore(4096)
        val id = store.put(text.encodeToByteArray())
        assertEquals(text, store.get(id)!!.decodeToString())
        // 22 bytes per repetition and 4096 % 22 == 4: the 26 full chunks repeat with period 11,
        // plus one distinct 3504-byte tail
        assertEquals(110000, text.encodeToByteArray().size)
        assertEquals(12, store.chunkCount)
        assertEquals(11L * 4096 + 3504, store.storedBytes)
    }
}
