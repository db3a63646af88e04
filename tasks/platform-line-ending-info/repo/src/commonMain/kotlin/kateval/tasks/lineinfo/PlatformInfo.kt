package kateval.tasks.lineinfo

/** Facts about the platform the code runs on. */
expect object PlatformInfo {
    val name: String
    val lineSeparator: String
}
