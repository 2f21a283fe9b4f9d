import { bootClerk } from '../src/clerk/boot.tsx';

bootClerk(document.getElementById('root')!);
