export * from './frames';
export * from './transport';
export * from './cancel';
export * from './client';
export * from './server';
export * from './in-process';
export * from './port-transport';
export * from './websocket-transport';
