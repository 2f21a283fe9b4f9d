import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CardResponse } from '../../../../../bot/schemas/liff-api.ts';
import { hotp } from '../../../lib/hotp.ts';
import { useServices } from '../../../lib/services.tsx';

/**
 * The code the card shows now: cardId + HOTP(secret, floor(t / period)), and the seconds until it changes.
 * Until the new period's number is computed the previous code stays: the server still accepts it.
 */
export function useCardCode(card: Pick<CardResponse, 'cardId' | 'secret' | 'periodSeconds' | 'digits'>) {
  const { clock } = useServices();
  const second = useSyncExternalStore(clock.subscribe, () => Math.floor(clock.now() / 1000));
  const period = Math.floor(second / card.periodSeconds);
  const [code, setCode] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    hotp(card.secret, period, card.digits).then((digits) => current && setCode(card.cardId + digits));
    return () => {
      current = false;
    };
  }, [card.cardId, card.secret, card.digits, period]);

  return { code, secondsLeft: card.periodSeconds - (second % card.periodSeconds) };
}
