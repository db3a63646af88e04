plugins { kotlin("multiplatform") version "2.4.20" }
kotlin {
    jvm()
    sourceSets {
        commonMain.dependencies { implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.10.2") }
        commonTest.dependencies { implementation(kotlin("test")) }
    }
}
