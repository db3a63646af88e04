package kateval.tasks.recurrence

sealed interface Rule {
    val interval: Int

    data class Daily(override val interval: Int = 1) : Rule {
        init { require(interval >= 1) }
    }

    data class Weekly(override val interval: Int = 1, val weekdays: Set<Int> = emptySet()) : Rule {
        init { require(interval >= 1 && weekdays.all { it in 1..7 }) }
    }

    data class MonthlyOnDay(override val interval: Int = 1, val day: Int, val clampToEnd: Boolean = true) : Rule {
        init { require(interval >= 1 && day in 1..31) }
    }

    data class MonthlyOnWeekday(override val interval: Int = 1, val ordinal: Int, val weekday: Int) : Rule {
        init { require(interval >= 1 && (ordinal in 1..5 || ordinal == -1) && weekday in 1..7) }
    }

    data class Yearly(override val interval: Int = 1) : Rule {
        init { require(interval >= 1) }
    }
}

data class Series(
    val start: Day,
    val rule: Rule,
    val count: Int? = null,
    val until: Day? = null,
    val exceptions: Set<Day> = emptySet(),
) {
    init {
        require(count == null || count >= 1) { "count must be positive" }
    }

    /** Occurrences with from <= date <= to, without exceptions, ascending. See instruction.md. */
    fun occurrencesBetween(from: Day, to: Day): List<Day> {
        TODO("expand the series")
    }
}
