package kateval.tasks.lineinfo

actual object PlatformInfo {
    actual val name: String
        get() = TODO()
    actual val lineSeparator: String
        get() = TODO()
}
