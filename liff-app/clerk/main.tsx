import { bootCounter } from '../src/app/counter/boot.tsx';

bootCounter(document.getElementById('root')!);
