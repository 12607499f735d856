/**
 * How the visit is paid, as the patient chose it, with the live coverage state: "Checking your
 * coverage…" until the clinic's check answers, then its result — updating by itself (the query
 * polls while a check runs) and announced politely. Shows nothing when no choice was made. The
 * member ID appears only as its last 4 characters.
 */
import { useQuery } from '@tanstack/react-query';
import type { Coverage, CoverageCard } from '../api/contract';
import { coverageQueries } from '../api/queries/coverage';
import { formatMoney } from '../lib/format-money';
import { format, useI18n } from '../lib/i18n/language';
import { useChosenTypePrice } from '../lib/visit-type-price';

export function CoverageStatus() {
  const query = useQuery(coverageQueries.coverage());
  const { t } = useI18n();
  if (!query.data?.method) return null;
  return (
    <section className="coverage" aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">{t.coverage.heading}</h2>
      <CoverageLines coverage={query.data} />
    </section>
  );
}

function CoverageLines({ coverage }: { coverage: Coverage }) {
  const { t, locale } = useI18n();
  // The chosen visit type's price, when this booking chose one; else the clinic's.
  const typePrice = useChosenTypePrice();
  if (coverage.method === 'self_pay') {
    const price = typePrice === undefined ? coverage.price : typePrice;
    return (
      <p>
        {price
          ? format(t.coverage.selfPay, { price: price.amount === 0 ? t.payment.noCharge : formatMoney(price.amount, price.currency, locale) })
          : t.coverage.selfPayNoPrice}
      </p>
    );
  }
  if (coverage.method === 'not_sure') return <p>{t.coverage.notSure}</p>;
  return (
    <ul className="coverage-cards">
      {coverage.cards.map((card) => (
        <CardLine key={card.order} card={card} />
      ))}
    </ul>
  );
}

function CardLine({ card }: { card: CoverageCard }) {
  const { t } = useI18n();
  const words = {
    checking: t.coverage.checking,
    active: t.coverage.active,
    inactive: t.coverage.inactive,
    unknown: t.coverage.unknown,
    not_checked: t.coverage.notChecked,
  };
  const which =
    card.insurer && card.memberIdLast4
      ? format(card.order === 'primary' ? t.coverage.card : t.coverage.secondaryCard, { insurer: card.insurer, last4: card.memberIdLast4 })
      : t.coverage.unlisted;
  return (
    <li className={`coverage-card coverage-${card.state}`}>
      <span className="coverage-which">{which}</span>
      {/* Its own live region: the result is read out when it arrives, without moving focus. */}
      <span role="status" className="coverage-state">
        {words[card.state]}
      </span>
    </li>
  );
}
