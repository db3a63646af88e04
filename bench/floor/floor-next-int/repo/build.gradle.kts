plugins { kotlin("multiplatform") version "2.4.20" }
kotlin {
    jvm()
    js { nodejs() }
    sourceSets {
        commonTest.dependencies { implementation(kotlin("test")) }
    }
}
