package kateval.tasks.jsonpatch

/** One JSON Patch operation. Paths are JSON Pointer strings. */
sealed interface PatchOp {
    data class Add(val path: String, val value: JsonValue) : PatchOp
    data class Remove(val path: String) : PatchOp
    data class Replace(val path: String, val value: JsonValue) : PatchOp
    data class Move(val from: String, val path: String) : PatchOp
    data class Copy(val from: String, val path: String) : PatchOp
    data class Test(val path: String, val value: JsonValue) : PatchOp
}

/** Operation number [opIndex] (0-based) could not be applied. */
class PatchException(val opIndex: Int, message: String) : Exception("op $opIndex: $message")
