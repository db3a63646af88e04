plugins { kotlin("multiplatform") version "2.4.20" }
kotlin {
    jvm()
    js { nodejs() }
    sourceSets {
        commonMain.dependencies { implementation("org.jetbrains.kotlinx:kotlinx-datetime:0.8.0") }
        commonTest.dependencies {
            implementation(kotlin("test"))
        }
    }
}
