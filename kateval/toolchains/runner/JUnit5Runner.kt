// kateval's JUnit Platform runner: what `ConsoleLauncher --scan-classpath <tests>` did for a
// JUnit 5 project (the Jupiter and Vintage engines, the console's default class name
// pattern, its legacy XML reports: one TEST-<engine>.xml per engine), through the Launcher
// API, so that the run also gets counts and the same policy as JUnit 4 runs. Runner.kt
// starts it.
//
// Nothing is picked up from the class path or the environment: the engines are named here,
// no listener, filter or configuration is loaded by ServiceLoader, and neither system
// properties nor a junit-platform.properties file configure the run.
package kateval.runner

import java.io.File
import java.io.PrintWriter
import org.junit.jupiter.engine.JupiterTestEngine
import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.engine.discovery.ClassNameFilter
import org.junit.platform.engine.discovery.DiscoverySelectors
import org.junit.platform.launcher.TestExecutionListener
import org.junit.platform.launcher.TestIdentifier
import org.junit.platform.launcher.TestPlan
import org.junit.platform.launcher.core.LauncherConfig
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder
import org.junit.platform.launcher.core.LauncherFactory
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener
import org.junit.vintage.engine.VintageTestEngine

/** Every test's outcome as the legacy XML report states it: a test that did not finish
 *  takes the result of its nearest finished ancestor (a class whose setup failed fails its
 *  tests), or is skipped under a skipped ancestor. A test with neither is counted failed
 *  (the report would show it passed): the run did not do what it said. */
private class Tally : TestExecutionListener {
    private var plan: TestPlan? = null
    private val tests = LinkedHashSet<TestIdentifier>()
    private val finished = HashMap<TestIdentifier, TestExecutionResult.Status>()
    private val skipped = HashSet<TestIdentifier>()

    @Synchronized override fun testPlanExecutionStarted(testPlan: TestPlan) {
        plan = testPlan
        for (root in testPlan.roots) tests += testPlan.getDescendants(root).filter { it.isTest }
    }

    @Synchronized override fun dynamicTestRegistered(id: TestIdentifier) {
        if (id.isTest) tests += id
    }

    @Synchronized override fun executionSkipped(id: TestIdentifier, reason: String) {
        skipped += id
    }

    @Synchronized override fun executionFinished(id: TestIdentifier, result: TestExecutionResult) {
        finished[id] = result.status
    }

    private fun ancestors(id: TestIdentifier): Sequence<TestIdentifier> =
        generateSequence(id) { plan!!.getParent(it).orElse(null) }

    private fun outcome(id: TestIdentifier): String {
        val path = ancestors(id).toList()
        if (path.any { it in skipped }) return "skipped"
        val status = path.firstNotNullOfOrNull { finished[it] } ?: return "failed"
        return when (status) {
            TestExecutionResult.Status.SUCCESSFUL -> if (id in finished) "passed" else "failed"
            TestExecutionResult.Status.ABORTED -> "skipped"
            TestExecutionResult.Status.FAILED -> "failed"
        }
    }

    @Synchronized fun counts(): Counts {
        val outcomes = tests.map(::outcome)
        val count = { kind: String -> outcomes.count { it == kind } }
        return Counts(outcomes.size, count("passed"), count("failed"), count("skipped"))
    }
}

internal fun runJUnit5(testDir: File, reports: File): Counts {
    val request = LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectClasspathRoots(setOf(testDir.absoluteFile.toPath())))
        .filters(ClassNameFilter.includeClassNamePatterns(ClassNameFilter.STANDARD_INCLUDE_PATTERN))
        .enableImplicitConfigurationParameters(false)
        .build()
    val config = LauncherConfig.builder()
        .enableTestEngineAutoRegistration(false)
        .addTestEngines(JupiterTestEngine(), VintageTestEngine())
        .enableTestExecutionListenerAutoRegistration(false)
        .enableLauncherSessionListenerAutoRegistration(false)
        .enableLauncherDiscoveryListenerAutoRegistration(false)
        .enablePostDiscoveryFilterAutoRegistration(false)
        .build()
    val tally = Tally()
    val xml = LegacyXmlReportGeneratingListener(reports.toPath(), PrintWriter(System.err, true))
    LauncherFactory.create(config).execute(request, xml, tally)
    return tally.counts()
}
