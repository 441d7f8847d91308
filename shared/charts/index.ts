export * from './chart-text';
export * from './share-charts';
export * from './trend-chart';
export * from './distribution-charts';
export * from './scatter-chart';
export * from './heatmap-charts';
export * from './lorenz-chart';
export * from './profile-radar';
