plugins {
    kotlin("multiplatform") version "2.0.21"
}

kotlin {
    jvm()
    js(IR) {
        nodejs()
    }
    sourceSets {
        commonMain.dependencies {
            implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.9.0")
        }
        commonTest.dependencies {
            implementation(kotlin("test"))
            implementation("org.jetbrains.kotlinx:kotlinx-coroutines-test:1.9.0")
        }
    }
}

// Resolves every resolvable configuration, so the image's cache holds them all.
tasks.register("kateval-resolve-all") {
    doLast {
        configurations.filter { it.isCanBeResolved }.forEach { it.resolve() }
    }
}
