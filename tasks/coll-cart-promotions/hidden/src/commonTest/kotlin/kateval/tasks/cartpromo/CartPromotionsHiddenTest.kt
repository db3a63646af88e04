package kateval.tasks.cartpromo

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull

class CartPromotionsHiddenTest {
    private val tea = Product("tea", 450, "drinks")
    private val coffee = Product("coffee", 1200, "drinks")
    private val mug = Product("mug", 900, "kitchen")
    private val cookie = Product("cookie", 150, "snacks")

    private fun line(p: Product, q: Int) = CartLine(p, q)

    @Test
    fun noPromotions() {
        assertEquals(Receipt(1800, emptyList(), 1800), price(listOf(line(tea, 2), line(mug, 1)), emptyList()))
        assertEquals(Receipt(0, emptyList(), 0), price(emptyList(), emptyList()))
    }

    @Test
    fun buyXGetY() {
        val promo = Promotion.BuyXGetY("3for2", "cookie", 2, 1)
        assertEquals(Receipt(1050, listOf(AppliedDiscount("3for2", 300)), 750), price(listOf(line(cookie, 7)), listOf(promo)))
        assertEquals(Receipt(300, emptyList(), 300), price(listOf(line(cookie, 2)), listOf(promo)))
    }

    @Test
    fun percentOffIsRoundedDownPerLine() {
        val promo = Promotion.PercentOffCategory("drinks15", "drinks", 15)
        // tea: 3 * 450 * 15 / 100 = 202.5 -> 202; coffee: 1200 * 15 / 100 = 180
        val r = price(listOf(line(tea, 3), line(mug, 1), line(coffee, 1)), listOf(promo))
        assertEquals(listOf(AppliedDiscount("drinks15", 382)), r.discounts)
        assertEquals(3450L - 382L, r.totalCents)
    }

    @Test
    fun unitsAreUsedByOnePromotionOnly() {
        val bogo = Promotion.BuyXGetY("tea-bogo", "tea", 1, 1)
        val pct = Promotion.PercentOffCategory("drinks10", "drinks", 10)
        // 5 teas: 2 groups use 4 teas (2 free), the 5th tea and the coffee get 10 %
        val r = price(listOf(line(tea, 5), line(coffee, 1)), listOf(bogo, pct))
        assertEquals(listOf(AppliedDiscount("tea-bogo", 900), AppliedDiscount("drinks10", 45 + 120)), r.discounts)
        // the other order: percent uses every drink first, nothing left for the BOGO
        val r2 = price(listOf(line(tea, 5), line(coffee, 1)), listOf(pct, bogo))
        assertEquals(listOf(AppliedDiscount("drinks10", 225 + 120)), r2.discounts)
    }

    @Test
    fun bundles() {
        val bundle = Promotion.Bundle("breakfast", setOf("coffee", "mug"), 1500)
        val r = price(listOf(line(coffee, 3), line(mug, 2)), listOf(bundle, Promotion.PercentOffCategory("drinks50", "drinks", 50)))
        assertEquals(listOf(AppliedDiscount("breakfast", 2 * 600), AppliedDiscount("drinks50", 600)), r.discounts)
        val pricey = Promotion.Bundle("bad", setOf("tea", "cookie"), 700)
        assertEquals(emptyList(), price(listOf(line(tea, 1), line(cookie, 1)), listOf(pricey)).discounts)
        val missing = Promotion.Bundle("b", setOf("tea", "mug"), 100)
        assertEquals(emptyList(), price(listOf(line(tea, 4)), listOf(missing)).discounts)
    }

    @Test
    fun onlyTheBestOrderDiscountApplies() {
        val five = Promotion.AmountOffOver("5off30", 3000, 500)
        val ten = Promotion.AmountOffOver("10off50", 5000, 1000)
        val r = price(listOf(line(coffee, 5)), listOf(five, ten))
        assertEquals(listOf(AppliedDiscount("10off50", 1000)), r.discounts)
        assertEquals(5000L, r.totalCents)
        val small = price(listOf(line(coffee, 3)), listOf(five, ten))
        assertEquals(listOf(AppliedDiscount("5off30", 500)), small.discounts)
        val tie = price(listOf(line(coffee, 5)), listOf(Promotion.AmountOffOver("a", 0, 700), Promotion.AmountOffOver("b", 100, 700)))
        assertEquals(listOf(AppliedDiscount("a", 700)), tie.discounts)
    }

    @Test
    fun orderDiscountUsesTheAmountAfterItemDiscountsAndNeverGoesNegative() {
        val pct = Promotion.PercentOffCategory("half", "kitchen", 50)
        val over = Promotion.AmountOffOver("big", 900, 2000)
        val r = price(listOf(line(mug, 2)), listOf(over, pct))
        assertEquals(listOf(AppliedDiscount("half", 900), AppliedDiscount("big", 900)), r.discounts)
        assertEquals(0L, r.totalCents)
        assertEquals(listOf(AppliedDiscount("half", 450)), price(listOf(line(mug, 1)), listOf(over, pct)).discounts)
    }

    private val reducer = CartReducer(
        automatic = listOf(Promotion.BuyXGetY("cookies", "cookie", 2, 1)),
        codes = mapOf(
            "DRINKS20" to Promotion.PercentOffCategory("DRINKS20", "drinks", 20),
            "FIVE" to Promotion.AmountOffOver("FIVE", 1000, 500),
        ),
    )

    private fun run(vararg actions: CartAction): CartState = actions.fold(CartState()) { s, a -> reducer.reduce(s, a) }

    @Test
    fun reducerAddsAndMergesLines() {
        val s = run(CartAction.Add(tea), CartAction.Add(mug, 2), CartAction.Add(tea, 2))
        assertEquals(listOf(line(tea, 3), line(mug, 2)), s.lines)
        assertEquals(Receipt(3150, emptyList(), 3150), s.receipt)
        assertEquals("invalid quantity", reducer.reduce(s, CartAction.Add(tea, 0)).message)
        assertEquals(s.lines, reducer.reduce(s, CartAction.Add(tea, 0)).lines)
    }

    @Test
    fun reducerQuantitiesAndRemoval() {
        val s = run(CartAction.Add(tea), CartAction.Add(cookie, 3))
        assertEquals(listOf(AppliedDiscount("cookies", 150)), s.receipt.discounts)
        val fewer = reducer.reduce(s, CartAction.SetQuantity("cookie", 2))
        assertEquals(emptyList(), fewer.receipt.discounts)
        assertEquals(listOf(line(tea, 1)), reducer.reduce(s, CartAction.SetQuantity("cookie", 0)).lines)
        assertEquals("not in cart", reducer.reduce(s, CartAction.SetQuantity("mug", 1)).message)
        assertEquals("invalid quantity", reducer.reduce(s, CartAction.SetQuantity("tea", -1)).message)
        val removed = reducer.reduce(s, CartAction.Remove("tea"))
        assertEquals(listOf(line(cookie, 3)), removed.lines)
        assertEquals(300L, removed.receipt.totalCents)
        assertEquals(removed.lines, reducer.reduce(removed, CartAction.Remove("nothing")).lines)
    }

    @Test
    fun reducerPromoCodes() {
        val s = run(CartAction.Add(coffee, 2), CartAction.ApplyCode(" drinks20 "))
        assertEquals(listOf("DRINKS20"), s.appliedCodes)
        assertEquals(listOf(AppliedDiscount("DRINKS20", 480)), s.receipt.discounts)
        assertEquals("code already applied", reducer.reduce(s, CartAction.ApplyCode("DRINKS20")).message)
        assertEquals("unknown code", reducer.reduce(s, CartAction.ApplyCode("FREE")).message)
        val both = reducer.reduce(s, CartAction.ApplyCode("five"))
        assertEquals(listOf(AppliedDiscount("DRINKS20", 480), AppliedDiscount("FIVE", 500)), both.receipt.discounts)
        assertNull(both.message)
        val back = reducer.reduce(both, CartAction.RemoveCode("Drinks20"))
        assertEquals(listOf("FIVE"), back.appliedCodes)
        assertEquals(listOf(AppliedDiscount("FIVE", 500)), back.receipt.discounts)
    }

    @Test
    fun receiptIsRecomputedAfterEveryAction() {
        val s = run(CartAction.Add(coffee), CartAction.ApplyCode("FIVE"))
        assertEquals(700L, s.receipt.totalCents)
        val cheaper = reducer.reduce(s, CartAction.Add(cookie))
        assertEquals(Receipt(1350, listOf(AppliedDiscount("FIVE", 500)), 850), cheaper.receipt)
        val below = reducer.reduce(s, CartAction.SetQuantity("coffee", 0))
        assertEquals(Receipt(0, emptyList(), 0), below.receipt)
        val failed = reducer.reduce(s, CartAction.ApplyCode("nope"))
        assertEquals(s.receipt, failed.receipt)
        assertEquals("unknown code", failed.message)
        assertNull(reducer.reduce(failed, CartAction.Add(tea)).message)
    }
}
