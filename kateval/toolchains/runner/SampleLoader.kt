// The class loaders of one sample: its main classes in one, the hidden tests in another.
//
// Neither folder is on the JVM's class path. The application class loader gives every class
// it defines the right to exit the VM, whatever the policy says, and a URLClassLoader gives
// its classes the right to read their own folder (the hidden tests' class files). These
// loaders give none: what their classes may do is only what the policy grants their
// folders, which is nothing (kateval-test.policy), plus, for the hidden tests, the right to
// link the test frameworks' packages.
//
// The tests' loader is not a child of the main loader: it asks the main loader for the
// classes it does not have. Model code therefore cannot name a test class, nor reach the
// tests' loader from an object a test hands it (that needs the getClassLoader permission,
// which a loader's ancestors need not ask for but the main loader is not one).
package kateval.runner

import java.io.File
import java.io.FilePermission
import java.net.URLClassLoader
import java.security.CodeSource
import java.security.PermissionCollection
import java.security.Permissions

/** The test frameworks' packages: closed to model code (Runner.kt), open to the hidden tests. */
internal val FRAMEWORK_PACKAGES = listOf("kotlin.test", "org.junit", "junit", "org.opentest4j")

/** No class of a sample may claim one of these packages (checks.py refuses them at build
 *  time; this is the run-time belt): it would share a name with trusted code. kateval's
 *  tasks live in kateval.tasks; only the runner's own package is kateval's here. */
private val RESERVED_PACKAGES = listOf(
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "org.junit.", "junit.",
    "org.opentest4j.", "org.apiguardian.", "kateval.runner.")

private fun permissions(tests: Boolean): PermissionCollection {
    val granted = Permissions()
    // kotlinx.coroutines' scheduler sets each new worker thread's context class loader to
    // its own; a worker is started by whoever dispatches first, often model code. The only
    // loaders model code can hold are its own and null (getClassLoader is denied), and all
    // a changed context loader can do to trusted code is make a lookup fail.
    granted.add(RuntimePermission("setContextClassLoader"))
    // Shutting down an executor (or closing a dispatcher made from one) asks for this. It
    // also lets code touch the JDK's own system threads (interrupt, rename, priority), never
    // stop one (stopThread) nor reach any object of the runner.
    granted.add(RuntimePermission("modifyThread"))
    // The task's libraries (kateval/deps, -Dkateval.deps): kotlinx.coroutines finds services
    // (kotlinx-coroutines-test's exception handler and Main dispatcher) with ServiceLoader,
    // which reads META-INF/services in their jars with the rights of every caller on the
    // stack, model code and tests included. The folder holds only public jars and klibs.
    System.getProperty("kateval.deps")?.let { granted.add(FilePermission("$it/-", "read")) }
    if (tests) {
        for (pkg in FRAMEWORK_PACKAGES) {
            granted.add(RuntimePermission("accessClassInPackage.$pkg"))
            granted.add(RuntimePermission("accessClassInPackage.$pkg.*"))
        }
    }
    granted.setReadOnly()
    return granted
}

internal class SampleLoader(
    folder: File,
    parent: ClassLoader,
    private val granted: PermissionCollection,
    private val fallback: ClassLoader?,
) : URLClassLoader(arrayOf(folder.absoluteFile.toURI().toURL()), parent) {

    override fun getPermissions(codesource: CodeSource?): PermissionCollection = granted

    override fun findClass(name: String): Class<*> {
        if (RESERVED_PACKAGES.any { name.startsWith(it) }) throw ClassNotFoundException(name)
        return try {
            super.findClass(name)
        } catch (e: ClassNotFoundException) {
            fallback?.loadClass(name) ?: throw e
        }
    }
}

internal class SampleLoaders(val testDir: File, val tests: ClassLoader) {
    companion object {
        /** The tests' loader, over the main classes' loader when they are compiled apart;
         *  one loader (with the tests' rights) when main and tests share a folder. */
        fun create(testDir: File, mainDir: File?): SampleLoaders {
            val system = ClassLoader.getSystemClassLoader()
            val apart = mainDir != null && mainDir.absoluteFile.normalize() != testDir.absoluteFile.normalize()
            val main = if (apart) SampleLoader(mainDir!!, system, permissions(false), null) else null
            return SampleLoaders(testDir, SampleLoader(testDir, system, permissions(true), main))
        }
    }
}
