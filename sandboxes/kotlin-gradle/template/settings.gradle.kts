// The task build template: what every KMP task's repo/ builds with. The image resolves all of
// it at build time (sandboxes/kotlin-gradle/Dockerfile).
pluginManagement {
    repositories {
        gradlePluginPortal()
        mavenCentral()
    }
}
dependencyResolutionManagement {
    repositories {
        mavenCentral()
    }
}
rootProject.name = "kateval-template"
