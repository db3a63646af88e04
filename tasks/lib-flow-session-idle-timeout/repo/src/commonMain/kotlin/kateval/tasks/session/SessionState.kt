package kateval.tasks.session

/** What the banking app shows about the session. */
sealed interface SessionState {
    /** Signed in, no warning. */
    object Active : SessionState {
        override fun toString() = "Active"
    }

    /** "You will be signed out in N seconds": `secondsLeft` counts down. */
    data class Warning(val secondsLeft: Int) : SessionState

    /** Signed out (by the idle timer or by the user). */
    object SignedOut : SessionState {
        override fun toString() = "SignedOut"
    }
}
