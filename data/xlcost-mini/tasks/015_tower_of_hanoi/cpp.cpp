#include <bits/stdc++.h>
using namespace std;

// Recursive function to solve tower of hanoi and return the number of moves
int towerOfHanoi(int n, char from_rod, char to_rod, char aux_rod)
{
    // Base case: there is no disk to move
    if (n == 0)
        return 0;
    // Move the top n - 1 disks from the source rod to the auxiliary rod
    int moves = towerOfHanoi(n - 1, from_rod, aux_rod, to_rod);
    cout << "Move disk " << n << " from rod " << from_rod << " to rod " << to_rod << endl;
    // Move the n - 1 disks from the auxiliary rod to the destination rod
    moves += towerOfHanoi(n - 1, aux_rod, to_rod, from_rod);
    return moves + 1;
}

// Driver code
int main()
{
    int N = 2;
    // A, B and C are the names of the rods
    int total = towerOfHanoi(N, 'A', 'C', 'B');
    cout << "Total moves: " << total << endl;
    return 0;
}
