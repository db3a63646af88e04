package kateval.tasks.jsonpatch

/** Applies [ops] in order and returns the new document; throws [PatchException] on failure. */
fun applyPatch(document: JsonValue, ops: List<PatchOp>): JsonValue {
    TODO("apply the patch")
}
