package kateval.tasks.endpointkey

/**
 * The key a request's rate limit is counted under: `"METHOD host path"`.
 *
 * - METHOD is upper-cased.
 * - host is lower-cased, without userinfo and without the default port (`:443` for https,
 *   `:80` for http); other ports stay (`api.example.com:8443`). A relative URL (starting with
 *   `/`) has the host `-`.
 * - path keeps its case; the query (`?…`) and fragment (`#…`) are dropped; runs of `/` collapse
 *   to one; a trailing `/` is removed (but the root path stays `/`); an empty path is `/`.
 */
fun endpointKey(method: String, url: String): String {
    val noFragment = url.substringBefore('?')
    val schemeEnd = noFragment.indexOf("://")
    val scheme = if (schemeEnd >= 0) noFragment.substring(0, schemeEnd).lowercase() else ""
    val rest = if (schemeEnd >= 0) noFragment.substring(schemeEnd + 3) else noFragment
    val slash = if (schemeEnd >= 0) rest.indexOf('/').let { if (it < 0) rest.length else it } else 0
    var host = if (schemeEnd >= 0) rest.substring(0, slash).substringAfterLast('@').lowercase() else "-"
    if (scheme == "https") host = host.removeSuffix(":443")
    if (scheme == "http") host = host.removeSuffix(":80")
    val rawPath = rest.substring(slash).lowercase()
    var path = rawPath.replace("//", "/")
    if (path.isEmpty()) path = "/"
    return "$method $host $path"
}
