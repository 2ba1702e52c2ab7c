"""The score formula: plain functions, tested directly (no ORM)."""

from dataclasses import dataclass


@dataclass
class ScoreParams:
    payment_weight: float = 60.0
    buying_weight: float = 40.0
    positive_threshold: float = 70.0
    negative_threshold: float = 40.0
    negative_overdue_days: int = 30
    min_invoices: int = 3
    amount_reference: float = 5000.0
    # points off the score per missed appointment of the last 12 months (figures given by other addons)
    no_show_penalty: float = 10.0
    late_cancel_penalty: float = 5.0

    def check(self):
        """Return the list of problems of these settings (empty when they make sense)."""
        problems = []
        if self.payment_weight < 0 or self.buying_weight < 0:
            problems.append("weights cannot be negative")
        if abs(self.payment_weight + self.buying_weight - 100) > 0.01:
            problems.append("the payment and buying weights must add up to 100")
        if not 0 <= self.negative_threshold < self.positive_threshold <= 100:
            problems.append("thresholds must satisfy 0 <= negative < positive <= 100")
        if self.amount_reference <= 0:
            problems.append("the reference amount must be positive")
        if self.no_show_penalty < 0 or self.late_cancel_penalty < 0:
            problems.append("penalties cannot be negative")
        return problems


def recency_points(days_since_last):
    if days_since_last is None:
        return 0.0
    if days_since_last <= 30:
        return 100.0
    if days_since_last <= 180:
        return 50.0
    return 0.0


def _counted(count, singular, plural):
    return f"{count} {singular if count == 1 else plural}" if count else ""


def missed_appointments_penalty(figures, params):
    """(points off, why) for the missed appointments of ``figures`` (no_shows, late_cancellations); the why is
    empty when there are none."""
    no_shows = figures.get("no_shows") or 0
    late_cancellations = figures.get("late_cancellations") or 0
    penalty = no_shows * params.no_show_penalty + late_cancellations * params.late_cancel_penalty
    missed = [
        _counted(no_shows, "no-show", "no-shows"),
        _counted(late_cancellations, "late cancellation", "late cancellations"),
    ]
    why = ", ".join(part for part in missed if part)
    return penalty, why and f"appointments: {why} (-{penalty:.0f})"


def compute_score(figures, params):
    """figures: dict with invoices, late, overdue_days, bought, days_since_last, and optionally no_shows and
    late_cancellations (missed appointments, each taking points off the score, down to 0).

    Returns (score 0-100, rating, why)."""
    invoices = figures.get("invoices") or 0
    late = figures.get("late") or 0
    overdue_days = figures.get("overdue_days") or 0
    late_share = late / invoices if invoices else 0.0
    payment = 50.0 if not invoices else 100.0 * (1 - late_share) * (1 - min(overdue_days, 90) / 90 * 0.5)
    frequency = min(invoices / 12.0, 1.0) * 100
    amount = min((figures.get("bought") or 0) / params.amount_reference, 1.0) * 100
    buying = (recency_points(figures.get("days_since_last")) + frequency + amount) / 3
    score = round((params.payment_weight * payment + params.buying_weight * buying) / 100)
    penalty, missed_why = missed_appointments_penalty(figures, params)
    score = max(0, round(score - penalty))
    if not invoices:
        # nothing bought, nothing owed: never a debtor, whatever the missed appointments take off the score
        rating = "neutral"
    elif overdue_days > params.negative_overdue_days or score < params.negative_threshold:
        rating = "negative"
    elif score >= params.positive_threshold and invoices >= params.min_invoices:
        rating = "positive"
    else:
        rating = "neutral"
    why = (
        f"payment {payment:.0f}/100 ({late}/{invoices} late, {overdue_days} days overdue); "
        f"buying {buying:.0f}/100 ({invoices} invoices, {figures.get('bought') or 0:.2f} in 12 months)"
    )
    if missed_why:
        why = f"{why}; {missed_why}"
    return score, rating, why
