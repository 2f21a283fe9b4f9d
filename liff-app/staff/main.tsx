import { bootConsole } from '../src/app/console/boot.tsx';

bootConsole(document.getElementById('root')!);
