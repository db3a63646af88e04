package kateval.tasks.notes

/** Where the app keeps the signed-in user's tokens. */
interface TokenStore {
    /** The current tokens, or null when nobody is signed in. */
    fun current(): Tokens?

    /** Replaces the current tokens. */
    fun save(tokens: Tokens)

    /** Signs the user out: [current] returns null afterwards. */
    fun clear()
}

class InMemoryTokenStore(private var tokens: Tokens? = null) : TokenStore {
    override fun current(): Tokens? = tokens
    override fun save(tokens: Tokens) { this.tokens = tokens }
    override fun clear() { tokens = null }
}
