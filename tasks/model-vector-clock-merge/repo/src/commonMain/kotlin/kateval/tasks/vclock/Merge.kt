package kateval.tasks.vclock

/** One field's value, written at Lamport time [lamport] by [node]; null = deleted. */
data class FieldValue(val value: String?, val lamport: Long, val node: String)

/** A record as one device sees it. */
data class Replica(val id: String, val clock: VectorClock, val fields: Map<String, FieldValue>)

/** The merged replica and the names of fields whose values conflicted. */
data class MergeResult(val replica: Replica, val conflicts: Set<String>)

/** The non-deleted fields, ordered by name. */
fun Replica.visible(): Map<String, String> {
    TODO()
}

/** Merges [remote] into [local]; see instruction.md for the rules. */
fun mergeReplicas(local: Replica, remote: Replica): MergeResult {
    TODO()
}
