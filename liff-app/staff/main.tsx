import { bootConsole } from '../src/staff/boot.tsx';

bootConsole(document.getElementById('root')!);
