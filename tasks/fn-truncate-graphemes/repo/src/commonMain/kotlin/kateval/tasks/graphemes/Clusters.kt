package kateval.tasks.graphemes

/** The number of clusters in [text]. See instruction.md. */
fun clusterCount(text: String): Int {
    TODO("clusterCount")
}

/** [text] cut to at most [maxClusters] clusters, the last one being [ellipsis] if it was cut. */
fun truncateForDisplay(text: String, maxClusters: Int, ellipsis: String = "…"): String {
    TODO("truncateForDisplay")
}
