package kateval.tasks.textfold

actual fun normalize(text: String, form: NormalForm): String {
    TODO("JVM normalize")
}
