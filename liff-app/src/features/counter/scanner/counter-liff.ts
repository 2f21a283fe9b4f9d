// LINE's SDK for the counter, bundled on its own (line-scanner.ts imports it with `?worker&url`, Vite's one way
// to bundle a file apart without configuration) and run as a classic script, only in LINE. Were it bundled with
// the pages, the LIFF modules it shares with the member card would move into a common chunk, over the card's
// budget (docs/decisions/0014-clerk-scanner.md).
import liff from '@line/liff/core';
import IsApiAvailable from '@line/liff/is-api-available';
import IsInClient from '@line/liff/is-in-client';
import ScanCodeV2 from '@line/liff/scan-code-v2';
import type { ClerkLiff } from './line-scanner.ts';

liff.use(new IsInClient());
liff.use(new IsApiAvailable());
liff.use(new ScanCodeV2());
(globalThis as { clerkLiff?: ClerkLiff }).clerkLiff = liff;
